/**
 * How much slower `run` is on an input 4× larger, measured in one run: a ratio, never an
 * absolute time. Linear work gives about 4, n log n about 4.5, quadratic work 16.
 *
 * `make(n)` builds the input outside the timing; `run(input)` is the step under test.
 * The small input is repeated until a sample lasts `minMs`, the large one the same number
 * of times, and the best of `rounds` interleaved samples is kept. Samples are CPU time of
 * this process (vitest runs each file in its own process), so other processes competing
 * for the 2-core CI machine do not count; what noise is left only ever adds time, and a
 * ratio over the bound is measured again (up to `attempts` times), then on the next step
 * (4n to 16n), before it is believed: truly quadratic work stays at 16 every time.
 */
export function growthRatio<T>(
  make: (n: number) => T,
  run: (input: T) => unknown,
  n: number,
  options: { rounds?: number; minMs?: number; attempts?: number; bound?: number } = {},
): number {
  const { rounds = 3, minMs = 10, attempts = 3, bound = NEAR_LINEAR } = options;
  const first = stepRatio(make, run, n, rounds, minMs, attempts, bound);
  if (first < bound) return first;
  // A one-time step in cost (the larger input crossing into V8's large-object space) shows
  // in one step of 4x only; super-linear work shows again from 4n to 16n.
  return Math.min(first, stepRatio(make, run, 4 * n, rounds, minMs, attempts, bound));
}

function stepRatio<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, rounds: number, minMs: number, attempts: number, bound: number): number {
  const small = make(n);
  const large = make(4 * n);
  run(small);
  run(large);
  let repeat = 1;
  while (sample(run, small, repeat) < minMs && repeat < 1 << 20) repeat *= 2;
  let best = Infinity;
  for (let attempt = 0; attempt < attempts && best >= bound; attempt++) {
    let bestSmall = Infinity;
    let bestLarge = Infinity;
    for (let round = 0; round < rounds; round++) {
      bestSmall = Math.min(bestSmall, sample(run, small, repeat));
      bestLarge = Math.min(bestLarge, sample(run, large, repeat));
    }
    best = Math.min(best, bestLarge / bestSmall);
  }
  return best;
}

/** CPU milliseconds of this process spent running `run(input)` `repeat` times. */
function sample<T>(run: (input: T) => unknown, input: T, repeat: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeat; i++) run(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Growth from n to 4n this far below quadratic (16) counts as near-linear. */
export const NEAR_LINEAR = 8;
