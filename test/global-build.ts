import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { distStaleness, ROOT } from './helpers/dist.js';

// Tests under these folders run the built package (dist/), as users do.
const DIST_TEST_DIRS = ['test/package', 'test/cli', 'test/examples', 'test/bench'];

function distTestFiles(): string[] {
  return DIST_TEST_DIRS.flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`));
}

// `vitest run a b`: a and b filter test files by substring. Building is only worth its
// ~15 s when a test that uses dist/ is selected.
function selectsDistTests(): boolean {
  const args = process.argv.slice(2);
  const filters = args.filter((arg, i) => !arg.startsWith('-') && arg !== 'run' && !args[i - 1]?.startsWith('--'));
  if (filters.length === 0) return true;
  const files = distTestFiles();
  return filters.some((filter) => files.some((file) => file.includes(filter.replace(/^\.\//, ''))));
}

/**
 * vitest globalSetup: builds dist/ once, before any test, when it is missing or older than
 * the sources, and says so. Tests that use dist/ also check freshness themselves
 * (`assertFreshDist`), so a run that skipped this build fails instead of testing old code.
 */
export default function buildDist(): void {
  if (!selectsDistTests()) return;
  const reason = distStaleness();
  if (reason === undefined) return;
  const started = Date.now();
  console.log(`[global-build] dist/ is ${reason}: running \`npm run build\`…`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`[global-build] dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
