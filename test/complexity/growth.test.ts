/** The growth measure itself: it must flag super-linear work and forgive a one-time step. */
import { describe, expect, it } from 'vitest';
import { GROWTH_LIMIT, describeGrowth, nearLinearGrowth } from './growth.js';

let sink = 0;
/** `units` of real work (a data-dependent loop the JIT cannot remove). */
function spin(units: number): void {
  let x = sink;
  for (let i = 0; i < units; i++) x = (x * 31 + i) | 0;
  sink = x;
}

const N = 2_000;

describe('nearLinearGrowth', () => {
  it.each([
    { name: 'linear work', work: (size: number) => spin(size * 64), nearLinear: true },
    // The cost quadruples once from 4n on (16x from n to 4n, as quadratic work would), like an
    // input crossing into V8's large-object space: only the next step tells them apart.
    { name: 'linear work with a one-time step at 4n', work: (size: number) => spin(size * 64 * (size >= 4 * N ? 4 : 1)), nearLinear: true },
    { name: 'quadratic work', work: (size: number) => spin((size * size) / 4), nearLinear: false },
  ])('$name: near-linear $nearLinear', ({ work, nearLinear }) => {
    const growth = nearLinearGrowth((factor) => () => work(factor * N));
    expect(growth.ratio < GROWTH_LIMIT, describeGrowth(growth)).toBe(nearLinear);
  });
});
