import { type ContextError, isContextError, isTemplateError } from '../../src/errors.js';

/** The ContextError `fn` throws; fails the test when it throws nothing or something else. */
export function catchContextError(fn: () => unknown): ContextError {
  try {
    fn();
  } catch (error) {
    if (isContextError(error)) return error;
    throw error;
  }
  throw new Error('expected a ContextError');
}

/** A render's output, or `error: <reason>` for a TemplateError (anything else is rethrown). */
export function renderOutcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return `error: ${error.reason}`;
  }
}
