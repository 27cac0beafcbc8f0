import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, DIST, ROOT } from '../helpers/dist.js';

const run = promisify(execFile);

describe('type tests', () => {
  it('every test-d file is in the program that `tsc --noEmit` (CI) checks', async () => {
    const testD = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test-d.ts'));
    // --showConfig lists the files the include/exclude patterns match, without type-checking.
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT, '--showConfig'], { maxBuffer: 64 << 20 });
    const listed = new Set((JSON.parse(stdout) as { files: string[] }).files.map((file) => file.replace(/^\.\//, '')));
    expect(testD.length).toBeGreaterThan(0);
    for (const file of testD) expect(listed, file).toContain(`test/${file}`);
  });
});

describe('the published declarations', () => {
  beforeAll(assertFreshDist);

  it('resolve every {@link Name} to a name they declare', () => {
    const files = readdirSync(DIST).filter((f) => /\.d\.c?ts$/.test(f));
    const text = files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    const declared = new Set([...text.matchAll(/\b(?:const|function|class|interface|type|enum|let|var)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
    const links = [...new Set([...text.matchAll(/\{@link(?:code|plain)?\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!))];
    expect(files.length).toBeGreaterThan(0);
    expect(links.filter((name) => !declared.has(name))).toEqual([]);
  });
});
