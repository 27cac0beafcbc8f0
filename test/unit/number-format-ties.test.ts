import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFixedPy } from '../../src/template/runtime/number-format.js';
import { formatFloat } from '../../src/template/runtime/print.js';

/** Python's '%.{p}f' from the exact decimal expansion (toFixed is exact up to 100 digits): ties to even. */
function reference(x: number, p: number): string {
  const long = x.toFixed(Math.min(100, p + 60));
  const dot = long.indexOf('.');
  const frac = long.slice(dot + 1);
  const tie = frac[p] === '5' && /^0*$/.test(frac.slice(p + 1));
  if (tie) {
    const last = p === 0 ? long[dot - 1] : frac[p - 1];
    if (Number(last) % 2 === 0) return p === 0 ? long.slice(0, dot) : long.slice(0, dot + 1 + p);
  }
  return x.toFixed(p);
}

describe('toFixedPy takes toFixed directly unless the value is an exact tie', () => {
  const p = fc.integer({ min: 0, max: 8 });
  it.each([
    ['money-like values', fc.integer({ min: -10_000_000, max: 10_000_000 }).map((c) => c / 100)],
    ['dyadic values (where ties live)', fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 12 })).map(([m, e]) => m / 2 ** e)],
    ['any double below 1e15', fc.double({ min: -1e15, max: 1e15, noNaN: true })],
  ] as const)('agrees with the exact half-even rounding on %s', (_name, values) => {
    fc.assert(fc.property(values, p, (x, digits) => {
      expect(toFixedPy(x, digits)).toBe(reference(x, digits));
    }), { numRuns: 2000 });
  });

  it.each([[0.125, 2, '0.12'], [0.375, 2, '0.38'], [2.5, 0, '2'], [-2.5, 0, '-2'], [2.675, 2, '2.67'], [1.005, 2, '1.00']] as const)('%s to %s digits is %s', (x, digits, want) => {
    expect(toFixedPy(x, digits)).toBe(want);
  });
});

describe('formatFloat prints what Python repr() prints', () => {
  it.each([[0.1, '0.1'], [1234.5, '1234.5'], [1e-4, '0.0001'], [9.5e-5, '9.5e-05'], [1e16, '1e+16'], [123456789012345.6, '123456789012345.6'], [-0.5, '-0.5'], [3, '3.0']] as const)('%s is %s', (x, want) => {
    expect(formatFloat(x)).toBe(want);
  });
});
