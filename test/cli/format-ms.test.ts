import { describe, expect, it } from 'vitest';
import { formatMs } from '../../src/cli/output.js';

// The README: durations print with one decimal everywhere (a whole number too).
describe('CLI durations', () => {
  it.each([
    { ms: 21, shown: '21.0 ms' },
    { ms: 0, shown: '0.0 ms' },
    { ms: 12.74, shown: '12.7 ms' },
    { ms: 20.96, shown: '21.0 ms' },
    { ms: 1300.46, shown: '1300.5 ms' },
    { ms: 0.04, shown: '0.0 ms' },
  ])('$ms prints as $shown', ({ ms, shown }) => {
    expect(formatMs(ms)).toBe(shown);
  });
});
