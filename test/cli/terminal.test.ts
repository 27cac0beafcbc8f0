import { describe, expect, it, onTestFinished } from 'vitest';
import { colorEnabled } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run.js';
import { createTestServer } from '../helpers/test-server.js';

// In-process runs, because a child process spawned by a test never has a terminal.
async function run(argv: string[], tty: { out?: boolean; err?: boolean }, env: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
    readStdin: () => stdin,
    stdoutIsTTY: tty.out === true,
    stderrIsTTY: tty.err === true,
  });
  return { code, stdout, stderr };
}

const ESC = '\x1b[';

describe('colour', () => {
  it.each([
    { env: {}, tty: true, expected: true },
    { env: {}, tty: false, expected: false },
    { env: { NO_COLOR: '1' }, tty: true, expected: false },
    { env: { NO_COLOR: '' }, tty: true, expected: true },
    { env: { FORCE_COLOR: '1' }, tty: false, expected: true },
    { env: { FORCE_COLOR: '0' }, tty: true, expected: false },
    { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, tty: true, expected: false },
  ])('is $expected with $env on a terminal: $tty', ({ env, tty, expected }) => {
    expect(colorEnabled(env, tty)).toBe(expected);
  });

  it('colours severities on a terminal and nothing on a pipe', async () => {
    const args = ['check', '--template', '-', '--context', 'examples/context.json'];
    const terminal = await run(args, { out: true, err: true }, {}, 'Hi {{ nobody }}');
    const pipe = await run(args, {}, {}, 'Hi {{ nobody }}');
    expect(terminal.stdout).toContain(`${ESC}31merror${ESC}39m missing`);
    expect(pipe.stdout).toContain('stdin:1:7: error missing');
    expect(pipe.stdout).not.toContain(ESC);
    expect((await run(args, { out: true }, { NO_COLOR: '1' }, 'Hi {{ nobody }}')).stdout).not.toContain(ESC);
  });
});

describe('progress line', () => {
  it('shows while waiting on a terminal and is cleared before the output', async () => {
    const server = await createTestServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('{"name":"Ada"}');
    });
    onTestFinished(server.close);
    const args = ['preview', '--endpoint', server.url, '--contact', '+15550100', '--template', '-', '--allow-http', '--allow-private-network'];
    const terminal = await run(args, { err: true }, {}, 'Hi {{ name }}');
    expect(terminal.stdout).toBe('Hi Ada\n');
    expect(terminal.stderr).toContain(`\rwaiting for ${server.url} for +15550100…${ESC}K`);
    expect(terminal.stderr).toContain(`\r${ESC}K`);
    const pipe = await run(args, {}, {}, 'Hi {{ name }}');
    expect(pipe.stderr).not.toContain('waiting');
  });
});
