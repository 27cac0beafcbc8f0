import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, entryPoints, ROOT } from '../helpers/dist.js';

beforeAll(assertFreshDist);

// The built pool must find dist/render-worker.js from both builds and every entry that exports it.
const SCRIPT = {
  esm: (file: string) => `const { createRenderPool } = await import(${JSON.stringify(file)});
const pool = createRenderPool({ size: 1 });
console.log(await pool.render('Hi {{ n }}', { n: 'Ana' }));
await pool.close();`,
  cjs: (file: string) => `const { createRenderPool } = require(${JSON.stringify(file)});
const pool = createRenderPool({ size: 1 });
pool.render('Hi {{ n }}', { n: 'Ana' }).then((out) => { console.log(out); return pool.close(); });`,
};

describe('createRenderPool from the built package', () => {
  const entries = entryPoints().filter((entry) => entry.subpath === '.' || entry.subpath === './template');
  it.each(entries.flatMap((entry) => (['esm', 'cjs'] as const).map((format) => [entry.subpath, format] as const)))(
    "'%s' as %s renders in a worker",
    (subpath, format) => {
      const entry = entries.find((e) => e.subpath === subpath)!;
      const args = format === 'esm' ? ['--input-type=module', '-e'] : ['-e'];
      const out = execFileSync(process.execPath, [...args, SCRIPT[format](join(ROOT, entry[format]))], { encoding: 'utf8', timeout: 20_000 });
      expect(out).toBe('Hi Ana\n');
    },
  );
});

describe('createRenderPool under process flags a worker refuses', () => {
  it.each([['--expose-gc'], ['--expose-gc', '--input-type=module']])('renders when node runs with %s', (...flags) => {
    const esm = entryPoints().find((entry) => entry.subpath === '.')!.esm;
    const args = flags.includes('--input-type=module') ? [...flags, '-e', SCRIPT.esm(join(ROOT, esm))] : [...flags, '--input-type=module', '-e', SCRIPT.esm(join(ROOT, esm))];
    expect(execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 })).toBe('Hi Ana\n');
  });
});
