import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
}

/** Production dependencies of the package, transitively, with the installed folder of each. */
function productionClosure(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const todo = Object.keys(readPackageJson().dependencies);
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

/**
 * Packs a copy of the repository without dist/, then installs the tarball into a fresh
 * project the way a registry install does (extract, link the bin, no build). Offline: the
 * dependencies are packed from this repository's node_modules, so no request leaves the box.
 */
export async function packAndInstall(): Promise<ScratchInstall> {
  const base = mkdtempSync(join(tmpdir(), 'dynamic-context-pack-'));
  const clone = join(base, 'clone');
  const project = join(base, 'project');
  const deps = join(project, 'deps');
  mkdirSync(deps, { recursive: true });
  for (const file of CLONE_FILES) if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(clone, file), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

  await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: clone, maxBuffer: 16 << 20 });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  const listing = await run('tar', ['-tzf', join(project, tarball)], { maxBuffer: 16 << 20 });
  const packedFiles = listing.stdout.split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));

  const dependencyTarballs = await Promise.all(
    productionClosure().map(async (name) => {
      const file = join(deps, `${name.replace('/', '+')}.tgz`);
      await run('tar', ['-czf', file, '-C', join(ROOT, 'node_modules', name), '--transform', 's,^\\.,package,', '.']);
      return file;
    }),
  );
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-consumer', private: true }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...dependencyTarballs, join(project, tarball)], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  return { project, tarball: join(project, tarball), packedFiles };
}
