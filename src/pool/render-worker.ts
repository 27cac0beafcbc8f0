/**
 * The body of one render-pool worker thread. It loads only the template engine (no HTTP
 * stack), so a replaced worker is serving again within milliseconds.
 */
import { isTemplateError } from '../errors.js';
import { compileTemplate } from '../template/index.js';
import type { RenderLimits } from '../template/limits.js';

/** What the pool posts to a worker. */
export interface RenderTask {
  source: string;
  variables: Record<string, unknown>;
  limits?: Partial<RenderLimits>;
  /** Set to 1 by the worker when it takes the task, so the deadline counts render time only. */
  started: Int32Array;
}

/** What a worker posts back: errors travel as plain data, since a class does not cross threads. */
export type RenderTaskResult =
  | { ok: true; output: string }
  | { ok: false; reason: string; line: number; column: number };

export default function renderTask(task: RenderTask): RenderTaskResult {
  Atomics.store(task.started, 0, 1);
  try {
    const template = compileTemplate(task.source, task.limits === undefined ? {} : { limits: task.limits });
    return { ok: true, output: template.render(task.variables) };
  } catch (error) {
    if (isTemplateError(error)) return { ok: false, reason: error.reason, line: error.line, column: error.column };
    return { ok: false, reason: `Template failed: ${error instanceof Error ? error.message : String(error)}`, line: 0, column: 0 };
  }
}
