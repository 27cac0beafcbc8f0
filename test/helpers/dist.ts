import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and its build output, as absolute paths. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');

export interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, Record<string, string>>>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  files: string[];
}

export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** One library subpath of "exports" (`.`, `./template`, …) with its four built files. */
export interface EntryPoint {
  subpath: string;
  /** What a user writes: `dynamic-context`, `dynamic-context/template`. */
  specifier: string;
  esm: string;
  esmTypes: string;
  cjs: string;
  cjsTypes: string;
}

/** Every library entry point in package.json "exports", so a new entry is covered by adding it there. */
export function entryPoints(pkg: PackageJson = readPackageJson()): EntryPoint[] {
  return Object.entries(pkg.exports)
    .filter((entry): entry is [string, Record<string, Record<string, string>>] => typeof entry[1] === 'object')
    .map(([subpath, target]) => ({
      subpath,
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      esm: target.import!.default!,
      esmTypes: target.import!.types!,
      cjs: target.require!.default!,
      cjsTypes: target.require!.types!,
    }));
}

/** Files the build must write: every "exports" target and every bin. */
export function expectedDistFiles(pkg: PackageJson = readPackageJson()): string[] {
  const files = entryPoints(pkg).flatMap((e) => [e.esm, e.esmTypes, e.cjs, e.cjsTypes]);
  return [...files, ...Object.values(pkg.bin)].map((file) => join(ROOT, file));
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Why dist/ cannot be trusted for this run, or undefined when it is built from the current sources. */
export function distStaleness(): string | undefined {
  const expected = expectedDistFiles();
  const missing = expected.filter((file) => !existsSync(file));
  if (missing.length > 0) return `missing ${missing.map((f) => f.slice(ROOT.length)).join(', ')}`;
  const built = Math.min(...expected.map((file) => statSync(file).mtimeMs));
  const inputs = ['src', 'package.json', 'tsup.config.ts'].map((p) => join(ROOT, p));
  const changed = Math.max(...inputs.map(newestMtime));
  return changed > built ? 'older than src/ (or package.json, tsup.config.ts)' : undefined;
}

/** For tests that run dist/: fail, saying why, rather than test a stale or missing build. */
export function assertFreshDist(): void {
  const reason = distStaleness();
  if (reason !== undefined) throw new Error(`dist/ is ${reason}; test/global-build.ts builds it before a run, or run \`npm run build\``);
}

const IMPORT = /(?:^|[;\n])\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']|\brequire\(["']([^"']+)["']\)|\bimport\(["']([^"']+)["']\)|\bcreateRequire\b[^;\n]*?\)\(["']([^"']+)["']\)/g;

/** The specifiers one file imports, statically or dynamically, or requires (also through createRequire). */
export function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5]!);
}

/** Every bare specifier reachable from `file` through relative imports (a built file of dist/). */
export function bareImports(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  for (const specifier of importsOf(file)) {
    if (specifier.startsWith('.')) bareImports(resolve(dirname(file), specifier), seen, found);
    else found.add(specifier);
  }
  return found;
}

/** The npm package a bare specifier names (`@redis/client/dist/x` → `@redis/client`). */
export const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
export const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** The npm packages a built file loads, directly or through its chunks. */
export function packagesLoadedBy(file: string): Set<string> {
  return new Set([...bareImports(file)].filter((s) => !isBuiltin(s)).map(packageName));
}
