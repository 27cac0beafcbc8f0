import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROWS } from '../../bench/report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_SCALE: '0.01', BENCH_TIMEOUT_MS: '55000', BENCH_ONLY: '', BENCH_MD_OUT: '', BENCH_LIB: process.env.BENCH_SMOKE_LIB ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 58_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Timings are not asserted: this only keeps the benchmark from rotting.
describe('npm run bench (tiny iteration counts)', () => {
  it('runs every scenario, prints every row of the table and exits 0', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await runBench();
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^what +\| library +\| reference +\| ratio +\| target +\| met\?/m);
    for (const label of Object.values(ROWS)) {
      const line = stdout.split('\n').find((l) => l.startsWith(label));
      expect(line, label).toBeDefined();
      expect(line).not.toMatch(/ERROR/);
    }
    expect(stdout).toMatch(/^machine: .+node v\d+/m);
  });
});
