import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readPackageJson, ROOT } from '../helpers/dist.js';

const run = promisify(execFile);

// What a clone holds that the build reads. dist/ is deliberately absent: `npm pack` must
// build it (the `prepare` script), as it must for a git-URL install.
const CLONE_FILES = ['package.json', 'tsup.config.ts', 'tsconfig.json', 'README.md', 'LICENSE', 'src'];

export interface ScratchInstall {
  /** The consumer project: node_modules/dynamic-context came from the tarball. */
  project: string;
  tarball: string;
  /** Paths inside the tarball (`package/` prefix dropped). */
  packedFiles: string[];
  /** Deletes the clone, the tarball and the scratch project (tens of MB). */
  remove(): void;
}

/** `names` and everything they depend on, as this repository's lockfile installed them. */
function closure(names: string[]): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const todo = [...names];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    const entry = lock.packages[`node_modules/${name}`];
    if (entry === undefined) throw new Error(`package-lock.json has no node_modules/${name}: run npm install`);
    seen.add(name);
    todo.push(...Object.keys(entry.dependencies ?? {}));
  }
  return [...seen];
}

/** Tarballs of installed packages, so npm can install them with no registry. */
async function packInstalled(names: string[], into: string): Promise<string[]> {
  mkdirSync(into, { recursive: true });
  return Promise.all(
    closure(names).map(async (name) => {
      const file = join(into, `${name.replace('/', '+')}.tgz`);
      await run('tar', ['-czf', file, '-C', join(ROOT, 'node_modules', name), '--transform', 's,^\\.,package,', '.']);
      return file;
    }),
  );
}

async function npmInstallOffline(project: string, tarballs: string[]): Promise<void> {
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], { cwd: project, maxBuffer: 16 << 20 });
}

/**
 * Adds optional peers (redis, …) to the scratch project as a user would `npm install` them,
 * by copying them and their dependencies from this repository's node_modules: they are not
 * the package under test, and npm would spend half a minute re-resolving the tree.
 */
export function installPeers(install: ScratchInstall, names: string[]): void {
  for (const name of closure(names)) {
    const target = join(install.project, 'node_modules', name);
    if (!existsSync(target)) cpSync(join(ROOT, 'node_modules', name), target, { recursive: true, dereference: true });
  }
}

/**
 * Packs a copy of the repository without dist/, then installs the tarball into a fresh
 * project the way a registry install does (extract, link the bin, no build). Offline: the
 * dependencies are packed from this repository's node_modules, so no request leaves the box.
 * Optional peers are not installed, as npm would not install them; see installPeers.
 */
export async function packAndInstall(): Promise<ScratchInstall> {
  const base = mkdtempSync(join(tmpdir(), 'dynamic-context-pack-'));
  const clone = join(base, 'clone');
  const project = join(base, 'project');
  const deps = join(project, 'deps');
  mkdirSync(project, { recursive: true });
  for (const file of CLONE_FILES) if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(clone, file), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

  await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: clone, maxBuffer: 16 << 20 });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  const listing = await run('tar', ['-tzf', join(project, tarball)], { maxBuffer: 16 << 20 });
  const packedFiles = listing.stdout.split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-consumer', private: true }));
  const dependencies = await packInstalled(Object.keys(readPackageJson().dependencies), deps);
  await npmInstallOffline(project, [...dependencies, join(project, tarball)]);
  return { project, tarball: join(project, tarball), packedFiles, remove: () => rmSync(base, { recursive: true, force: true }) };
}
