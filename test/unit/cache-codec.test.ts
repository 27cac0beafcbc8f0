import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry } from '../../src/cache/codec.js';
import { mergeContext } from '../../src/merge.js';

const context = { variables: { first_name: 'Ada', account: { tier: 'VIP', tags: ['a', 'b'] }, n: 1.5, none: null }, warnings: ['w'], bytes: 120 };

describe('the stored entry format', () => {
  it('reads back what it wrote, frozen', () => {
    const entry = decodeEntry(encodeEntry(context, 1_700_000_000_000));
    expect(entry).toEqual({ context, freshUntil: 1_700_000_000_000 });
    expect(Object.isFrozen(entry?.context.variables.account)).toBe(true);
  });

  it('is a positional array led by the format version', () => {
    expect(encodeEntry(context, 5)).toBe('[1,5,120,["w"],{"first_name":"Ada","account":{"tier":"VIP","tags":["a","b"]},"n":1.5,"none":null}]');
  });

  it.each([
    { name: 'another format version', raw: '[2,5,120,[],{}]' },
    { name: 'a truncated entry', raw: '[1,5,120,[],{"a":' },
    { name: 'a plain string', raw: 'hello' },
    { name: 'a number', raw: 42 },
    { name: 'a Buffer', raw: Buffer.from('[1,5,1,[],{}]') },
    { name: 'too few fields', raw: '[1,5,120,{}]' },
    { name: 'a non-finite expiry', raw: '[1,"soon",120,[],{}]' },
    { name: 'negative bytes', raw: '[1,5,-1,[],{}]' },
    { name: 'warnings that are not strings', raw: '[1,5,1,[{}],{}]' },
    { name: 'variables that are an array', raw: '[1,5,1,[],[{"a":1}]]' },
    { name: 'variables nested past the depth bound', raw: `[1,5,1,[],${'{"a":'.repeat(80)}1${'}'.repeat(80)}]` },
  ])('treats $name as unreadable', ({ raw }) => {
    expect(decodeEntry(raw)).toBeUndefined();
  });

  it('drops keys that would reach a prototype', () => {
    const entry = decodeEntry('[1,5,1,[],{"__proto__":{"polluted":true},"ok":1}]');
    expect(entry?.context.variables).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, whatever the store returns', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json().map((j) => `[1,${j}`), fc.json()), (raw) => {
      expect(() => decodeEntry(raw)).not.toThrow();
    }));
  });

  it('round-trips any JSON object, as the response sanitiser leaves it', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (variables) => {
      const decoded = decodeEntry(encodeEntry({ variables, warnings: [], bytes: 1 }, 1));
      // Stored contexts are already sanitised; a hand-written entry gets the same walk (no __proto__ at any depth).
      expect(decoded?.context.variables).toEqual(mergeContext(JSON.parse(JSON.stringify(variables))));
    }));
  });
});
