import { describe, expect, it } from 'vitest';
import { mergeContext, mergeParsed, parseContextBody } from '../../src/merge.js';
import { scanSensitiveData } from '../../src/sensitive.js';
import { redactEchoedSecrets } from '../../src/sensitive/echo.js';
import { estimateEntryBytes } from '../../src/cache/memory-store.js';
import { createSecretScrubber } from '../../src/secrets/scrub.js';
import { growthRatio, NEAR_LINEAR } from '../helpers/growth.js';
import { contextJson1k } from '../../bench/fixtures/contexts.mjs';

// Every step a response goes through before templates see it, at n and 4n on inputs
// built to hit each step's worst case (issue 8: one key of 262,000 capitals blocked
// load() for 25 s). Sizes stay under the 256 KiB body cap at 4n.
const key = (letter: string) => (n: number) => `{${JSON.stringify(letter.repeat(n))}:"v"}`;
const wide = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n / 16 }, (_, i) => [`k${i}_${'Ab'.repeat(3)}`, i])));
const deep = (n: number) => {
  // Objects 60 levels deep, repeated side by side until the body is about n characters.
  const one = `${'{"a":'.repeat(60)}1${'}'.repeat(60)}`;
  return `[${Array.from({ length: Math.max(1, Math.floor(n / one.length)) }, () => one).join(',')}]`;
};
const mergedArray = (n: number) => JSON.stringify(Array.from({ length: n / 64 }, (_, i) => ({ shared: { [`k${i}`]: i, deep: { x: i } } })));
const withProto = (n: number) => `{"__proto__":1,"list":[${Array.from({ length: n / 8 }, (_, i) => `{"b":${i}}`).join(',')}]}`;
const digits = (n: number) => JSON.stringify({ note: '4'.repeat(n) });
const spacedDigits = (n: number) => JSON.stringify({ note: '4 '.repeat(n / 2) });
const dottedDigits = (n: number) => JSON.stringify({ note: '4.'.repeat(n / 2) });
const ssnWords = (n: number) => JSON.stringify({ note: 'SSN 078 05 112 '.repeat(n / 15) });
const bigNumbers = (n: number) => `[${Array.from({ length: n / 20 }, () => '4111111111111111112').join(',')}]`.replace(/^\[/, '{"a":[').replace(/\]$/, ']}');

const bodies: Array<{ name: string; make: (n: number) => string; n: number }> = [
  { name: 'one key of capitals', make: key('A'), n: 16_384 },
  { name: 'one key of lower-case letters', make: key('a'), n: 16_384 },
  { name: 'one key of digits', make: key('7'), n: 16_384 },
  { name: 'many distinct keys', make: wide, n: 16_384 },
  { name: 'deep objects side by side', make: deep, n: 16_384 },
  { name: 'an array of objects merged deeply', make: mergedArray, n: 16_384 },
  { name: 'a __proto__ key that forces the sanitising walk', make: withProto, n: 16_384 },
  { name: 'a run of digits', make: digits, n: 16_384 },
  { name: 'digits with spaces', make: spacedDigits, n: 16_384 },
  { name: 'digits with dots', make: dottedDigits, n: 16_384 },
  { name: 'SSN words before near-SSNs', make: ssnWords, n: 16_384 },
  { name: '19-digit JSON numbers', make: bigNumbers, n: 16_384 },
];

describe('response processing grows linearly with the body', () => {
  it.each(bodies)('parse and merge: $name', ({ make, n }) => {
    expect(growthRatio(make, (body) => mergeParsed(parseContextBody(body, 'application/json'), body), n)).toBeLessThan(NEAR_LINEAR);
  });

  it.each(bodies)('copying merge (mergeContext): $name', ({ make, n }) => {
    expect(growthRatio((size) => JSON.parse(make(size)) as unknown, (json) => mergeContext(json), n)).toBeLessThan(NEAR_LINEAR);
  });

  it.each(bodies)('sensitive scan of keys and values: $name', ({ make, n }) => {
    const input = (size: number) => {
      const body = make(size);
      return { body, vars: mergeParsed(JSON.parse(body), body) };
    };
    expect(growthRatio(input, ({ body, vars }) => scanSensitiveData(vars, 'redact', { body }), n)).toBeLessThan(NEAR_LINEAR);
  });
});

describe('the cache size calculation and the secret scrubbing grow no faster than linearly', () => {
  it.each(bodies)('cache size of a context: $name', ({ make, n }) => {
    const context = (size: number) => {
      const body = make(size);
      const scan = scanSensitiveData(mergeParsed(JSON.parse(body), body), 'redact', { body });
      return { variables: scan.variables, warnings: scan.warnings, bytes: body.length };
    };
    expect(growthRatio(context, (c) => estimateEntryBytes(c, 'key'), n)).toBeLessThan(NEAR_LINEAR);
  });

  const secret = 'tok-SECRET-7d1f';
  const scrubber = createSecretScrubber([secret, 'user:pw-SECRET', 'pw-SECRET']);
  it.each([
    { name: 'near-misses of the secret', make: (n: number) => 'tok-SECRET-7d1'.repeat(n / 14) },
    { name: 'one letter of the secret', make: (n: number) => 't'.repeat(n) },
    { name: 'the secret itself, over and over', make: (n: number) => secret.repeat(n / secret.length) },
    { name: 'base64 look-alikes', make: (n: number) => Buffer.from('tok-SECRET-7d1'.repeat(n / 19)).toString('base64') },
    { name: 'percent signs', make: (n: number) => '%2'.repeat(n / 2) },
  ])('scrubbing text of $name', ({ make }) => {
    expect(growthRatio(make, (text) => scrubber.scrub(text), 16_384)).toBeLessThan(NEAR_LINEAR);
  });
});

describe('a sensitive-data finding costs the same under long keys as under short ones', () => {
  // Findings side by side under levels of long keys: every finding printed its whole path,
  // every key above it again (8,000 findings under 8 levels of 15,000-letter keys, 200 KB
  // of body, took seconds to scan). A level is printed once now, and a long key cut.
  const body = (keyLength: number) => {
    let text = `[${Array.from({ length: 8000 }, () => '{"pin":1}').join(',')}]`;
    for (let level = 0; level < 8; level++) text = `{"${'k'.repeat(keyLength)}":${text}}`;
    return { text, vars: mergeParsed(JSON.parse(text), text) };
  };
  const cpuOf = (input: { text: string; vars: Record<string, unknown> }) => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = process.cpuUsage();
      scanSensitiveData(input.vars, 'redact', { body: input.text });
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };

  it('scans in about the time the same findings take under one-letter keys', () => {
    const short = body(1);
    const long = body(15_000);
    cpuOf(short);
    expect(cpuOf(long) / Math.max(cpuOf(short), 1)).toBeLessThan(8);
  });

  it('names each path with long keys cut', () => {
    const { text, vars } = body(15_000);
    const scan = scanSensitiveData(vars, 'redact', { body: text });
    expect(scan.findings).toHaveLength(8000);
    expect(scan.warnings[0]).toContain(`["${'k'.repeat(100)}"]`);
    expect(Math.max(...scan.warnings.map((w) => w.length))).toBeLessThan(2000);
  });
});

describe('finding the client\'s credentials echoed back as data grows linearly with the body', () => {
  const token = 'tok-SECRET-7d1f';
  const scrubber = createSecretScrubber([token, 'user:pw-SECRET', 'pw-SECRET']);
  const deepEchoes = (n: number) => {
    const one = `${`{"${'k'.repeat(40)}":`.repeat(60)}"${token}"${'}'.repeat(60)}`;
    return `[${Array.from({ length: Math.max(1, Math.floor(n / one.length)) }, () => one).join(',')}]`;
  };
  const echoBodies: Array<{ name: string; make: (n: number) => string; n: number }> = [
    ...bodies,
    { name: 'the token in each of many strings', make: (n) => JSON.stringify({ list: Array.from({ length: n / 24 }, (_, i) => `#${i} ${token}`) }), n: 16_384 },
    { name: 'the token in each of many keys', make: (n) => JSON.stringify(Object.fromEntries(Array.from({ length: n / 24 }, (_, i) => [`${token} ${i}`, i]))), n: 16_384 },
    { name: 'one string of the token over and over', make: (n) => JSON.stringify({ note: token.repeat(n / token.length) }), n: 16_384 },
    { name: 'near-misses in many strings and one echo', make: (n) => JSON.stringify({ list: [...Array.from({ length: n / 17 }, () => 'tok-SECRET-7d1'), token] }), n: 16_384 },
    { name: 'halves of the token in neighbouring strings and one echo', make: (n) => JSON.stringify({ list: [...Array.from({ length: n / 12 }, (_, i) => (i % 2 ? '7d1f tok-SEC' : 'RET-')), token] }), n: 16_384 },
    { name: 'escapes throughout and one echo', make: (n) => `{"note":"${'\\u00e9'.repeat(n / 6)}","auth":"${token}"}`, n: 16_384 },
    { name: 'echoes 60 levels deep under long keys, side by side', make: deepEchoes, n: 16_384 },
  ];

  it.each(echoBodies)('scan with the client\'s scrubber: $name', ({ make, n }) => {
    const input = (size: number) => {
      const body = make(size);
      return { body, vars: mergeParsed(JSON.parse(body), body) };
    };
    expect(growthRatio(input, ({ body, vars }) => scanSensitiveData(vars, 'redact', { body, scrubber }), n)).toBeLessThan(NEAR_LINEAR);
  });

  it('redacts every echo of those bodies', () => {
    for (const { make } of echoBodies.slice(bodies.length)) {
      const body = make(16_384);
      const scan = scanSensitiveData(mergeParsed(JSON.parse(body), body), 'redact', { body, scrubber });
      expect(JSON.stringify(scan.variables)).not.toContain(token);
      expect(scan.warnings[0]).toMatch(/^The endpoint echoed the platform's credential at /);
    }
  });

  // The pre-filter is one search of the body per form: an answer with no echo, the common
  // case, visits no value, and a client without credentials does nothing at all. Counted
  // (reads of the variables through a Proxy), not timed: a timed comparison of two nearly
  // equal costs flaked in CI-like runs.
  const visits = (vars: Record<string, unknown>) => {
    let count = 0;
    const watch = (node: unknown): unknown => {
      if (typeof node !== 'object' || node === null) return node;
      return new Proxy(node, {
        get: (target, key, receiver) => (count++, watch(Reflect.get(target, key, receiver))),
        ownKeys: (target) => (count++, Reflect.ownKeys(target)),
      });
    };
    return { vars: watch(vars) as Record<string, unknown>, count: () => count };
  };
  it.each([
    { name: 'a client without credentials, on an answer that echoes', secrets: [], echo: true, visited: false },
    { name: 'a bearer client, on an answer that echoes nothing', secrets: [token], echo: false, visited: false },
    { name: 'a bearer client, on an answer that echoes (the walk happens)', secrets: [token], echo: true, visited: true },
  ])('visits the values only when the body holds an echo: $name', ({ secrets, echo, visited }) => {
    const answers = Array.from({ length: 48 }, (_, i) => JSON.parse(contextJson1k(i)) as Record<string, unknown>);
    if (echo) answers[7]!.debug = `called with ${token}`;
    const body = JSON.stringify(answers);
    const watched = visits(mergeParsed(JSON.parse(body), body));
    const result = redactEchoedSecrets(watched.vars, 'redact', createSecretScrubber(secrets), { body, maxWarnings: 10 });
    expect(watched.count() > 0).toBe(visited);
    expect(result.warnings.length > 0).toBe(visited);
  });
});
