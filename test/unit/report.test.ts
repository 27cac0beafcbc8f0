import { describe, expect, it } from 'vitest';
import { ContextError } from '../../src/errors.js';
import { buildTestReport, type TestOutcome } from '../../src/report.js';

const ok = (over: Partial<TestOutcome> = {}): TestOutcome => ({
  durationMs: 120,
  status: 200,
  bytes: 40,
  context: { variables: { b: 1, a: 2 }, warnings: [], merged: false },
  plainHttp: false,
  disabled: false,
  ...over,
});

describe('buildTestReport', () => {
  it.each([
    { name: 'a fast small object', outcome: ok(), warnings: [] },
    { name: 'an answer at exactly 1 s', outcome: ok({ durationMs: 1000 }), warnings: [] },
    { name: 'an answer slower than 1 s', outcome: ok({ durationMs: 1001 }), warnings: [/took 1001\.0 ms;/] },
    { name: 'a slow answer, with one decimal', outcome: ok({ durationMs: 1234.56 }), warnings: [/took 1234\.6 ms;/] },
    { name: 'exactly 16 KiB', outcome: ok({ bytes: 16 * 1024 }), warnings: [] },
    { name: 'more than 16 KiB', outcome: ok({ bytes: 16 * 1024 + 1 }), warnings: [/16385 bytes/] },
    { name: 'a merged array', outcome: ok({ context: { variables: { a: 1 }, warnings: [], merged: true } }), warnings: [/array/] },
    { name: 'plain http', outcome: ok({ plainHttp: true }), warnings: [/plain http/] },
    { name: 'no variables', outcome: ok({ context: { variables: {}, warnings: [], merged: false } }), warnings: [/no variables/] },
  ])('warns about $name as expected', ({ outcome, warnings }) => {
    const report = buildTestReport(outcome);
    expect(report.ok).toBe(true);
    expect(report.warnings).toHaveLength(warnings.length);
    warnings.forEach((pattern, i) => expect(report.warnings[i]).toMatch(pattern));
  });

  it('lists top-level variable names sorted', () => {
    expect(buildTestReport(ok()).variables).toEqual(['a', 'b']);
  });

  it('reports an error with code, message, hint and status, and no variables', () => {
    const error = new ContextError('unauthorized', 'Context request failed: status 401 (POST https://crm.example.com)', { status: 401 });
    const report = buildTestReport({ durationMs: 5, status: 401, bytes: 0, error, plainHttp: false, disabled: false });
    expect(report).toEqual({
      ok: false,
      status: 401,
      durationMs: 5,
      responseBytes: 0,
      variables: [],
      warnings: [],
      error: { code: 'unauthorized', message: error.message, hint: error.hint, status: 401 },
    });
  });
});
