import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, ROOT } from '../helpers/dist.js';

// The README's CLI block, run line by line through bash from the repository root, as a
// reader of a fresh clone would. The one change: the example endpoint's port 8787 becomes a
// free one, so parallel runs don't collide.
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const MARKER = '<!-- readme-cli:';
const block = README.slice(README.indexOf(MARKER)).match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
const commands = block
  .replace(/\\\n\s*/g, '')
  .split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter(Boolean);

// Secret variables from the developer's own shell must not change what the lines do.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DYNAMIC_CONTEXT_|CONTEXT_|CRM_|PORT$)/.test(name)));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

let port: number;
let endpoint: ChildProcess | undefined;
beforeAll(async () => {
  assertFreshDist();
  port = await freePort();
});
afterAll(() => {
  if (endpoint?.pid !== undefined && endpoint.exitCode === null) process.kill(-endpoint.pid, 'SIGTERM');
});

const local = (command: string) => command.replaceAll('8787', String(port));
const background = commands.filter((c) => c.endsWith('&'));
const foreground = commands.filter((c) => !c.endsWith('&') && !c.startsWith('npm ci') && !c.startsWith('kill '));

describe('the README CLI block', { timeout: 60_000 }, () => {
  it('holds the commands this test knows how to run', () => {
    expect(commands[0]).toMatch(/^npm ci\b/);
    expect(background).toHaveLength(1);
    expect(commands.at(-1)).toBe('kill %1');
    expect(foreground.length).toBeGreaterThanOrEqual(3);
  });

  it('npm ci builds dist/: the prepare script runs the build (what the next lines run)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toMatch(/\b(tsup|npm run build)\b/);
    expect(() => assertFreshDist()).not.toThrow();
  });

  it('starts the example endpoint in the background', async () => {
    // Its own process group, so `kill %1` (below, in afterAll) ends npx, tsx and node together.
    endpoint = spawn('bash', ['-c', local(background[0]!).replace(/&$/, '')], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      endpoint!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/listening on (\S+)/);
        if (match) resolve(match[1]!);
      });
      endpoint!.on('exit', (code) => reject(new Error(`the example endpoint exited (${code}): ${out}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}/context`);
  });

  it.each(foreground)('runs `%s` with exit code 0', async (command) => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', local(command)], { cwd: ROOT, env: ENV, timeout: 50_000 }, (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
      });
    });
    expect(run.stderr).not.toMatch(/^error:/m);
    // The example templates pass their own check: `preview` adds no warning about them.
    expect(run.stderr).not.toMatch(/^warning: examples\//m);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout.trim()).not.toBe('');
    // Each renders or loads Maria's context (+14155550101 in examples/customers.json), or
    // reports that the endpoint passed the test.
    expect(run.stdout).toMatch(/Maria|^ok\s+yes$/m);
  });
});

// The README's other commands, which this file does not run (a full `npm test` or
// `npm run bench` would be minutes), checked for what can rot cheaply: the scripts and
// files they name, and the benchmark groups they list.
describe('the README\'s other commands', () => {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b !== block);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it('name npm scripts that exist (npm test, npm run demo, npm run bench)', () => {
    const scripts = blocks.join('\n').match(/\bnpm (?:run \w+|test)\b/g) ?? [];
    expect(scripts).toEqual(expect.arrayContaining(['npm run demo', 'npm test', 'npm run bench']));
    for (const script of scripts) expect(pkg.scripts, script).toHaveProperty(script === 'npm test' ? 'test' : script.slice('npm run '.length));
    expect(pkg.scripts.demo).toContain('examples/demo.ts'); // which crm-server.test.ts runs
  });

  it('list the benchmark groups bench/run.ts has', () => {
    const listed = README.match(/BENCH_ONLY=\S+ npm run bench +# groups: ([\w, ]+)/)?.[1]?.split(', ');
    const groups = readFileSync(join(ROOT, 'bench/run.ts'), 'utf8').match(/const GROUPS = \[([^\]]*)\]/)?.[1]?.match(/'(\w+)'/g)?.map((g) => g.slice(1, -1));
    expect(listed).toBeDefined();
    expect(listed).toEqual(groups);
    for (const group of README.matchAll(/BENCH_ONLY=([\w,]+)/g)) for (const name of group[1]!.split(',')) expect(groups, name).toContain(name);
  });

  it('name files of this repository that exist', () => {
    const paths = new Set([...README.matchAll(/\b(?:test|examples|bench|src)\/[\w./-]*\w/g)].map((m) => m[0]));
    expect(paths.size).toBeGreaterThan(20);
    expect([...paths].filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
