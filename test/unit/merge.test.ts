import { createSecretScrubber } from '../../src/secrets/scrub.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isContextError } from '../../src/errors.js';
import { MAX_CONTEXT_DEPTH, MAX_CONTEXT_NODES, mergeContext, mergeParsed, parseContextBody } from '../../src/merge.js';
import { catchContextError as catchError } from '../helpers/outcomes.js';
import { startCpuClock } from '../helpers/cpu-time.js';

/** JSON nested `depth` levels deep: {"a":{"a":…1…}}. */
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const originalKeys = prototypeKeys();
afterEach(() => {
  expect(prototypeKeys()).toEqual(originalKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('mergeContext', () => {
  const merges: Array<{ name: string; input: unknown; expected: unknown }> = [
    { name: 'an object gives its keys', input: { name: 'Ada', account: { tier: 'VIP' } }, expected: { name: 'Ada', account: { tier: 'VIP' } } },
    { name: 'an empty object gives no variables', input: {}, expected: {} },
    { name: 'an empty array gives no variables', input: [], expected: {} },
    { name: 'an array of objects merges in order, later wins', input: [{ a: 1, b: 1 }, { b: 2 }, { c: 3 }], expected: { a: 1, b: 2, c: 3 } },
    { name: 'nested plain objects merge deeply', input: [{ account: { tier: 'gold', id: 7 } }, { account: { tier: 'VIP' } }], expected: { account: { tier: 'VIP', id: 7 } } },
    { name: 'arrays are replaced, not concatenated', input: [{ orders: [1, 2, 3] }, { orders: [4] }], expected: { orders: [4] } },
    { name: 'a scalar replaces an object', input: [{ a: { x: 1 } }, { a: 'flat' }], expected: { a: 'flat' } },
    { name: 'an object replaces a scalar', input: [{ a: 'flat' }, { a: { x: 1 } }], expected: { a: { x: 1 } } },
    { name: 'null is a value like any other', input: [{ a: 1 }, { a: null }], expected: { a: null } },
    { name: '__proto__ keys are dropped', input: JSON.parse('{"__proto__":{"polluted":1},"ok":1}'), expected: { ok: 1 } },
    { name: 'constructor and prototype keys are dropped', input: { constructor: { prototype: { polluted: 1 } }, prototype: 1, ok: true }, expected: { ok: true } },
    { name: 'forbidden keys are dropped at depth', input: JSON.parse('{"a":{"b":{"__proto__":{"polluted":1},"constructor":1,"c":2}}}'), expected: { a: { b: { c: 2 } } } },
    { name: 'forbidden keys inside arrays are dropped', input: JSON.parse('{"list":[{"__proto__":{"polluted":1},"x":1}]}'), expected: { list: [{ x: 1 }] } },
    { name: 'forbidden keys in merged array items are dropped', input: JSON.parse('[{"a":{"x":1}},{"a":{"__proto__":{"polluted":1}}},{"__proto__":{"polluted":1}}]'), expected: { a: { x: 1 } } },
  ];

  it.each(merges)('$name', ({ input, expected }) => {
    const result = mergeContext(input);
    expect(result).toStrictEqual(expected);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('returns a fresh copy that does not share objects with the input', () => {
    const input = { account: { tier: 'VIP' }, list: [{ a: 1 }] };
    const result = mergeContext(input) as { account: { tier: string }; list: Array<{ a: number }> };
    result.account.tier = 'changed';
    result.list[0]!.a = 2;
    expect(input).toStrictEqual({ account: { tier: 'VIP' }, list: [{ a: 1 }] });
  });

  const invalid = [
    { name: 'a string', input: 'hello', says: 'got a string' },
    { name: 'a number', input: 42, says: 'got a number' },
    { name: 'a boolean', input: true, says: 'got a boolean' },
    { name: 'null', input: null, says: 'got null' },
    { name: 'undefined', input: undefined, says: 'got nothing' },
    { name: 'an array with a string item', input: [{ a: 1 }, {}, 'x'], says: 'got a JSON array whose item at index 2 is a string' },
    { name: 'an array with a null item', input: [null], says: 'item at index 0 is null' },
    { name: 'an array with an array item', input: [{}, [{}]], says: 'item at index 1 is an array' },
    { name: 'an array with a number item', input: [{ a: 1 }, 5], says: 'item at index 1 is a number' },
  ];
  it.each(invalid)('refuses $name with invalid_response saying what was received', ({ input, says }) => {
    const error = catchError(() => mergeContext(input));
    expect(error.code).toBe('invalid_response');
    expect(error.hint).toContain(says);
    expect(error.message).toContain(says);
  });

  const depths = [
    { name: 'an object at the depth limit', json: deepObject(MAX_CONTEXT_DEPTH), ok: true },
    { name: 'an object one level too deep', json: deepObject(MAX_CONTEXT_DEPTH + 1), ok: false },
    { name: 'an array nest at the depth limit', json: deepArray(MAX_CONTEXT_DEPTH), ok: true },
    { name: 'an array nest one level too deep', json: deepArray(MAX_CONTEXT_DEPTH + 1), ok: false },
    { name: 'objects 100,000 levels deep', json: deepObject(100_000), ok: false },
    { name: 'arrays 100,000 levels deep', json: deepArray(100_000), ok: false },
    { name: 'a top-level array 100,000 levels deep', json: `[${deepObject(100_000)}]`, ok: false },
  ];
  it.each(depths)('bounds depth: $name', ({ json, ok }) => {
    const parsed = parseContextBody(json, 'application/json');
    if (ok) {
      expect(() => mergeContext(parsed)).not.toThrow();
      return;
    }
    const error = catchError(() => mergeContext(parsed));
    expect(error.code).toBe('invalid_response');
    expect(error.hint).toContain(`nested deeper than ${MAX_CONTEXT_DEPTH} levels`);
  });

  const sizes = [
    { name: 'keys at the limit', make: () => Object.fromEntries(Array.from({ length: MAX_CONTEXT_NODES }, (_, i) => [`k${i}`, i])), ok: true },
    { name: 'one key over the limit', make: () => Object.fromEntries(Array.from({ length: MAX_CONTEXT_NODES + 1 }, (_, i) => [`k${i}`, i])), ok: false },
    { name: 'a million keys', make: () => Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, i])), ok: false },
    { name: 'a million array items', make: () => ({ list: new Array(1_000_000).fill(0) }), ok: false },
    { name: 'items spread over merged objects', make: () => Array.from({ length: 1000 }, (_, i) => ({ [`k${i}`]: new Array(100).fill(i) })), ok: false },
  ];
  it.each(sizes)('bounds size: $name', ({ make, ok }) => {
    const input = make();
    const cpuMs = startCpuClock();
    if (ok) expect(Object.keys(mergeContext(input)).length).toBeGreaterThan(0);
    else expect(catchError(() => mergeContext(input)).hint).toContain(`more than ${MAX_CONTEXT_NODES} keys`);
    expect(cpuMs()).toBeLessThan(3000);
  });

  it('returns a plain object or throws invalid_response for arbitrary JSON (property)', () => {
    const withForbiddenKeys = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'polluted'), fc.jsonValue(), { maxKeys: 5 });
    const input = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.oneof(fc.object(), withForbiddenKeys)),
      withForbiddenKeys,
      fc.jsonValue().map((v) => JSON.parse(JSON.stringify({ __proto__: v, nested: { __proto__: v } }).replace(/"nested"/, '"__proto__"'))),
      fc.string().map((s) => JSON.parse(`{"__proto__":{"polluted":${JSON.stringify(s)}},"constructor":{"prototype":{"polluted":1}}}`)),
    );
    fc.assert(
      fc.property(input, (json) => {
        try {
          const result = mergeContext(json);
          expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
          expect(Array.isArray(result)).toBe(false);
          expect(Object.hasOwn(result, '__proto__')).toBe(false);
        } catch (error) {
          expect(isContextError(error) && error.code).toBe('invalid_response');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('mergeParsed', () => {
  const outcome = (fn: () => unknown) => {
    try {
      return JSON.stringify(fn());
    } catch (error) {
      return isContextError(error) ? `${error.code}: ${error.message} / ${error.hint}` : String(error);
    }
  };

  it('gives exactly what mergeContext gives, for any JSON text (property)', () => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'b'), fc.string({ maxLength: 4 }));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), fc.array(tie('value'), { maxLength: 4 })),
      object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 })
        .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`)
        .map((text) => JSON.parse(text) as unknown),
    }));
    const text = fc.oneof(value, fc.array(value, { maxLength: 4 })).map((v) => JSON.stringify(v));
    fc.assert(
      fc.property(text, (body) => {
        expect(outcome(() => mergeParsed(JSON.parse(body)))).toBe(outcome(() => mergeContext(JSON.parse(body))));
        // Given the body text, the walk may be skipped; the outcome must not change.
        expect(outcome(() => mergeParsed(JSON.parse(body), body))).toBe(outcome(() => mergeContext(JSON.parse(body))));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    { name: '__proto__ spelled with \\u escapes', body: '{"\\u005f_proto__":{"polluted":1},"ok":1}' },
    { name: 'constructor with one escaped letter', body: '{"constr\\u0075ctor":{"prototype":{"polluted":1}},"ok":1}' },
    { name: 'prototype inside an array item', body: '[{"a":[{"prototype":1}]},{"ok":1}]' },
  ])('with the body text, still drops forbidden keys: $name', ({ body }) => {
    expect(JSON.stringify(mergeParsed(JSON.parse(body), body))).toBe(JSON.stringify(mergeContext(JSON.parse(body))));
    expect(JSON.stringify(mergeParsed(JSON.parse(body), body))).not.toMatch(/proto|constructor/);
  });

  it('with the body text, keeps the depth bound exactly at its edge', () => {
    for (const depth of [MAX_CONTEXT_DEPTH - 1, MAX_CONTEXT_DEPTH, MAX_CONTEXT_DEPTH + 1]) {
      for (const body of [deepObject(depth), deepArray(depth), `[${deepObject(depth - 1)}]`, `[${deepObject(depth)}]`]) {
        expect(outcome(() => mergeParsed(JSON.parse(body), body))).toBe(outcome(() => mergeContext(JSON.parse(body))));
      }
    }
  });

  it('drops forbidden keys from the fresh value itself, at every depth', () => {
    const json = JSON.parse('{"__proto__":{"polluted":1},"a":{"constructor":1,"b":[{"prototype":2,"c":3}]}}') as Record<string, unknown>;
    expect(mergeParsed(json)).toBe(json);
    expect(JSON.stringify(json)).toBe('{"a":{"b":[{"c":3}]}}');
  });

  it.each([
    { name: 'too deep', json: deepObject(MAX_CONTEXT_DEPTH + 1), says: `deeper than ${MAX_CONTEXT_DEPTH} levels` },
    { name: 'too many nodes', json: JSON.stringify({ list: new Array(MAX_CONTEXT_NODES + 1).fill(0) }), says: `more than ${MAX_CONTEXT_NODES} keys` },
  ])('keeps the bounds: $name', ({ json, says }) => {
    expect(catchError(() => mergeParsed(JSON.parse(json))).hint).toContain(says);
    expect(catchError(() => mergeParsed(JSON.parse(json), json)).hint).toContain(says);
  });
});

describe('parseContextBody', () => {
  const parses = [
    { name: 'a JSON object', text: '{"a":1}', type: 'application/json', expected: { a: 1 } },
    { name: 'JSON with a byte-order mark', text: '\uFEFF{"a":1}', type: 'application/json; charset=utf-8', expected: { a: 1 } },
    { name: 'JSON labelled text/plain', text: '[{"a":1}]', type: 'text/plain', expected: [{ a: 1 }] },
    { name: 'a JSON scalar (shape is mergeContext\'s job)', text: '"hi"', type: 'application/json', expected: 'hi' },
    { name: 'a __proto__ key as an own property', text: '{"__proto__":{"polluted":1}}', type: 'application/json', expected: JSON.parse('{"__proto__":{"polluted":1}}') },
  ];
  it.each(parses)('parses $name', ({ text, type, expected }) => {
    expect(parseContextBody(text, type)).toStrictEqual(expected);
  });

  const failures = [
    { name: 'an HTML page', text: '<!DOCTYPE html><html><body>Login required</body></html>', type: 'text/html; charset=utf-8', says: ['Content-Type text/html; charset=utf-8', 'not JSON', '"<!DOCTYPE html><html><body>Login require…"'] },
    { name: 'malformed JSON', text: '{"a":1,', type: 'application/json', says: ['not valid JSON', 'Content-Type application/json', '"{\\"a\\":1,"'] },
    { name: 'an empty body', text: '', type: 'application/json', says: ['the body is empty'] },
    { name: 'a missing content type', text: 'OK', type: undefined, says: ['Content-Type none', '"OK"'] },
    { name: 'control characters in the body', text: 'a\r\nb\u0000c', type: 'text/plain', says: ['"a  b c"'] },
    { name: 'a JSON problem type', text: 'oops', type: 'application/problem+json', says: ['not valid JSON'] },
  ];
  it.each(failures)('refuses $name with invalid_json quoting type and start of body', ({ text, type, says }) => {
    const error = catchError(() => parseContextBody(text, type));
    expect(error.code).toBe('invalid_json');
    for (const fragment of says) expect(error.hint).toContain(fragment);
    expect(error.hint.length).toBeLessThan(400);
  });

  it('parses JSON nested 100,000 levels deep without crashing', () => {
    expect(() => parseContextBody(deepObject(100_000), 'application/json')).not.toThrow();
  });
});

describe('parseContextBody with credentials echoed back', () => {
  const secrets = createSecretScrubber(['tok-SECRET-7d1f', 'user:pw-SECRET', 'pw-SECRET']);
  it.each([
    { name: 'at the start', body: 'Bearer tok-SECRET-7d1f host: crm' },
    { name: 'cut by the excerpt', body: `${'x'.repeat(30)}tok-SECRET-7d1f and more text after it` },
    { name: 'basic, encoded', body: '<html>Authorization: Basic dXNlcjpwdy1TRUNSRVQ=</html>' },
    { name: 'basic, plain', body: 'user:pw-SECRET is not allowed' },
  ])('never quotes a credential ($name)', ({ body }) => {
    const error = catchError(() => parseContextBody(body, 'text/html', secrets));
    expect(error.code).toBe('invalid_json');
    const everything = JSON.stringify([error.message, error.hint, String(error.cause), (error.cause as Error).message]);
    for (const part of ['SECRET', 'tok-SEC', 'dXNlcjpw']) expect(everything).not.toContain(part);
  });

  it('still quotes the body when nothing secret is in it', () => {
    const error = catchError(() => parseContextBody('<html>Service Unavailable</html>', 'text/html', secrets));
    expect(error.hint).toContain('<html>Service Unavailable');
  });
});
