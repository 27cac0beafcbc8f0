import fc from 'fast-check';
import { beforeEach, expect } from 'vitest';

// A test that makes no assertion cannot fail; this turns one into a failure.
beforeEach(() => {
  expect.hasAssertions();
});

// Property tests explore new inputs on every local run, but CI must be reproducible: a
// red CI blocks a landing, so there the seed is fixed (FC_SEED=<n> sets it anywhere,
// e.g. to replay a counterexample a local run printed).
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261203' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
