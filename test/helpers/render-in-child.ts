import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RenderLimits } from '../../src/index.js';
import type { RenderOutcome } from '../security/sandbox-probe.js';

/** One render for the child: a template (or parts to repeat), its variables and limits. */
export interface ChildPayload {
  template?: string;
  build?: Array<[string, number]>;
  vars?: Record<string, unknown>;
  limits?: Partial<RenderLimits>;
}

/** What the child reports for one payload (see test/security/render-child.ts). */
export interface ChildResult {
  outcome: RenderOutcome;
  length: number;
  changes: string[];
  next: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../security/render-child.ts', import.meta.url));

/**
 * Renders `payloads` in one child process, in order, and kills it after `killMs`: a render
 * that hangs or aborts the process cannot take vitest with it. Payloads that had not
 * finished by then have no result.
 */
export function renderInChild(payloads: ChildPayload[], killMs: number): Promise<Map<number, ChildResult>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const lines = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { index: number; result: ChildResult });
      if (lines.length === 0 && err !== '') reject(new Error(`child failed: ${err.slice(0, 500)}`));
      else resolve(new Map(lines.map((l) => [l.index, l.result])));
    });
    child.stdin.end(JSON.stringify(payloads.map((p) => ({ template: p.template, build: p.build, vars: p.vars, limits: p.limits }))));
  });
}
