/**
 * Growth of a piece of work from size n to 4n (and, when that looks super-linear, from 4n to
 * 16n), as a ratio of CPU times measured in one run: never an absolute time, so a slow or
 * loaded host changes both sides alike.
 * Linear work grows about 4x, n log n about 5x, and a quadratic one 16x. Memory effects add
 * to linear work when only the 4n side crosses a boundary: a string or array over 128 KB
 * lives in V8's large-object space, and Object.keys of a big dict sorts; such cases measured
 * up to 11x on a loaded 2-core host, so the limit sits between that and 16.
 */

/** The ratio t(4n) / t(n) at or above which work is not near-linear. */
export const GROWTH_LIMIT = 12;

/** A sample lasts at least this long (the call is repeated), so timer resolution does not dominate. */
const MIN_SAMPLE_MS = 1;
const MAX_LOOPS = 4096;
/** A sample at 4n this slow is measured once: linear cases here take milliseconds. */
const SLOW_MS = 500;

export interface Growth {
  ratio: number;
  /** Median milliseconds of one sample at n and at 4n. */
  small: number;
  large: number;
  loops: number;
  /** Which step of 4x was measured; n → 4n unless stated. */
  step?: string;
}

/**
 * CPU time of the process (user + system), in ms: time spent waiting for a core on a
 * loaded host is not counted, which wall-clock time would add to either side at random.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function sample(fn: () => void, loops: number): number {
  const start = cpuMs();
  for (let i = 0; i < loops; i++) fn();
  return cpuMs() - start;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Samples taken alternately at n and 4n (load changes hit both), after a warm-up of each. */
export function measureGrowth(small: () => void, large: () => void, reps = 3, useMin = false): Growth {
  const warmSmall = sample(small, 1);
  const warmLarge = sample(large, 1);
  // Over the limit and slow (a regression): one sample says enough, more would take minutes.
  if (warmLarge > SLOW_MS && warmLarge > GROWTH_LIMIT * warmSmall) return { ratio: warmLarge / warmSmall, small: warmSmall, large: warmLarge, loops: 1 };
  let loops = 1;
  // The least of three samples: one pause (GC, another thread's CPU) must not stop the calibration at 1 call.
  while (loops < MAX_LOOPS && Math.min(sample(small, loops), sample(small, loops), sample(small, loops)) < MIN_SAMPLE_MS) loops *= 4;
  const s: number[] = [];
  const l: number[] = [];
  for (let r = 0; r < reps; r++) {
    s.push(sample(small, loops));
    l.push(sample(large, loops));
    // Unmistakably super-linear and slow: more samples would only take long.
    if (r === 0 && l[0] > SLOW_MS && l[0] > GROWTH_LIMIT * s[0]) break;
  }
  if (!useMin) return { ratio: median(l) / median(s), small: median(s), large: median(l), loops };
  return { ratio: Math.min(...l) / Math.min(...s), small: Math.min(...s), large: Math.min(...l), loops };
}

/**
 * Near-linear or not, from `at(f)`, the work at size f·n. The step n → 4n is measured first;
 * a ratio over the limit is then measured on the next step, 4n → 16n, and the lower of the
 * two counts. A one-time step in cost (the 4n input crossing into V8's large-object space, a
 * GC landing on one side) shows in one step only, while super-linear work shows in every
 * step: quadratic work is 16x at n → 4n and again at 4n → 16n. A single re-measurement of
 * the same step could not tell the two apart (CI once saw a linear `extend` at 12.2x).
 */
export function nearLinearGrowth(at: (factor: number) => () => void): Growth {
  const first = measureGrowth(at(1), at(4));
  // Over the limit and already slow at 4n: a regression, and 16n would take minutes.
  if (first.ratio < GROWTH_LIMIT || first.large > SLOW_MS) return first;
  const next = { ...measureGrowth(at(4), at(16), 5, true), step: '4n → 16n' };
  return next.ratio < first.ratio ? next : first;
}

/** A one-line account of a measurement, for assertion messages. */
export function describeGrowth(g: Growth): string {
  return `growth ${g.step ?? 'n → 4n'} = ${g.ratio.toFixed(2)}x (${g.large.toFixed(2)} ms / ${g.small.toFixed(2)} ms over ${g.loops} call(s))`;
}
