import { describe, expect, it } from 'vitest';
import { formatMs } from '../../src/cli/output.js';

// The README: "Durations print with one decimal everywhere." A whole number of
// milliseconds (a 7 ms connect on loopback) must not lose its decimal.
describe('CLI durations', () => {
  it.each([
    [7, '7.0 ms'],
    [0, '0.0 ms'],
    [12.74, '12.7 ms'],
    [1300.46, '1300.5 ms'],
    [0.04, '0.0 ms'],
  ])('prints %s ms as %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
