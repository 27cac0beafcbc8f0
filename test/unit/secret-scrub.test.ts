import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretScrubber, SCRUBBED } from '../../src/secrets/scrub.js';

// Encoders written here, independently of the library's list of forms.
const ENCODINGS: Array<[string, (text: string) => string]> = [
  ['raw', (t) => t],
  ['JSON-escaped', (t) => JSON.stringify(t).slice(1, -1)],
  ['JSON-escaped with \\/', (t) => JSON.stringify(t).slice(1, -1).replaceAll('/', '\\/')],
  ['URL-encoded', encodeURIComponent],
  ['URL-encoded, lower-case hex', (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
  ['form-encoded', (t) => encodeURIComponent(t).replaceAll('%20', '+')],
  ['JSON-escaped as Go and Rails write it (<>& as \\u003c…)', (t) => JSON.stringify(t).slice(1, -1).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
  ['JSON-escaped as .NET writes it (<>&\'"+` as \\u003C…)', (t) => [...t].map((c) => ('<>&\'"+`'.includes(c) ? `\\u00${c.charCodeAt(0).toString(16).toUpperCase()}` : JSON.stringify(c).slice(1, -1))).join('')],
  ['URL-encoded as RFC 3986 says (Python quote)', (t) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)],
  ['form-encoded as URLSearchParams writes it', (t) => new URLSearchParams({ a: t }).toString().slice(2)],
  ['HTML-escaped', (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')],
  ['base64', (t) => Buffer.from(t).toString('base64')],
  ['base64url', (t) => Buffer.from(t).toString('base64url')],
];
const secretArb = fc.stringMatching(/^[\x20-\x7e]{8,40}$/).filter((s) => s.trim() === s);

describe('createSecretScrubber', () => {
  it.each(ENCODINGS)('removes the %s form from any surrounding text (property)', (_name, encode) => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (secret, before, after) => {
        const scrubbed = createSecretScrubber([secret]).scrub(`${before}${encode(secret)}${after}`);
        expect(scrubbed).not.toContain(encode(secret));
        expect(scrubbed).toContain(SCRUBBED);
      }),
      { numRuns: 300 },
    );
  });

  it('removes the secret from base64 of any text around it, at every byte offset (property)', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (secret, before, after) => {
        const blob = Buffer.from(`${before}${secret}${after}`).toString('base64');
        const scrubbed = createSecretScrubber([secret]).scrub(`Authorization: Basic ${blob}`);
        // What is left cannot decode back to the secret, whatever the alignment.
        for (const part of scrubbed.split(SCRUBBED)) expect(Buffer.from(part.replace(/^Authorization: Basic /, ''), 'base64').toString()).not.toContain(secret);
        expect(scrubbed).not.toBe(`Authorization: Basic ${blob}`);
      }),
      { numRuns: 300 },
    );
  });

  it('covers the basic-auth header of user:pass', () => {
    const scrub = createSecretScrubber(['maria:pw-3b9a', 'pw-3b9a']).scrub;
    expect(scrub(`Authorization: Basic ${Buffer.from('maria:pw-3b9a').toString('base64')}`)).toBe(`Authorization: Basic ${SCRUBBED}`);
  });

  it.each(['q', 'qz', 'qzj'])('scrubs a secret of %j too, however short', (secret) => {
    expect(createSecretScrubber([secret]).scrub(`key=${secret}; key=${encodeURIComponent(secret)}`)).toBe(`key=${SCRUBBED}; key=${SCRUBBED}`);
  });

  it('cuts after scrubbing, so a secret straddling the cut leaks no part of itself', () => {
    const { head } = createSecretScrubber(['tok-SECRET-7d1f']);
    expect(head('Bearer tok-SECRET-7d1f', 12)).toBe('Bearer [reda');
  });

  it('cuts where the text was cut, so a replacement that shortened it moves no part of a secret inside the cut', () => {
    // Ten echoes shrink to ten `[redacted]`: the head of the eleventh, past the cut in the
    // text, came within the first 400 characters of the scrubbed text.
    const secret = 'tok-SECRET-0123456789abcdef0123456789ab';
    const head = createSecretScrubber([secret]).head(Array.from({ length: 12 }, () => secret).join(','), 400);
    expect(head).not.toContain('tok');
    expect(head).toBe(`${SCRUBBED},`.repeat(10));
  });

  it('leaves out a secret cut by the end of a truncated text', () => {
    const secret = `tok-SECRET-${'x'.repeat(500)}`;
    const { head } = createSecretScrubber([secret]);
    // The read stopped 30 characters into the echo: no form of the secret matches them, and
    // any of the last (longest form - 1) characters may be one's beginning.
    expect(head(`status: ${secret.slice(0, 30)}`, 400, true)).toBe('');
    expect(head(`${'status '.repeat(200)}${secret.slice(0, 30)}`, 400, true)).toMatch(/^(status )+s?t?a?t?u?s?$/);
  });

  it('keeps a head within its length when the text fits but its replacements are longer than the secrets', () => {
    // Five 8-character secrets fill 40 characters; five '[redacted]' would be 50.
    expect(createSecretScrubber(['AAAAAAAA']).head('A'.repeat(40), 40)).toBe(SCRUBBED.repeat(5).slice(0, 40));
  });

  it('leaves no part of a secret in a head, wherever the cut falls (property)', () => {
    // Secrets of capitals among lower-case filler: any run of 8 capitals in a head is a leak.
    const filler = fc.stringMatching(/^[a-z ,]{0,30}$/);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{8,40}$/), fc.array(fc.oneof(fc.constant(null), filler), { maxLength: 40 }), fc.integer({ min: 0, max: 300 }), (secret, parts, max) => {
        const text = parts.map((p) => p ?? secret).join('');
        const cut = createSecretScrubber([secret]).head(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.replaceAll(SCRUBBED, '')).not.toMatch(/[A-Z]{8}/);
      }),
      { numRuns: 500 },
    );
  });

  it('hands back the same string when there is nothing to scrub', () => {
    const text = 'Context request failed: status 500';
    expect(createSecretScrubber(['tok-SECRET']).scrub(text)).toBe(text);
    expect(createSecretScrubber([]).active).toBe(false);
  });
});

describe('a one-letter secret', () => {
  it('is replaced once, never again inside the replacement text', () => {
    expect(createSecretScrubber(['e']).scrub('see')).toBe(`s${SCRUBBED}${SCRUBBED}`);
  });
});

describe('findIn: which of many texts hold a secret', () => {
  const secret = 'tok"SEC/RET';
  const scrubber = createSecretScrubber([secret, 'user:pw', 'pw']);
  it.each([
    { name: 'none of them', texts: ['a', 'tok"SEC', '/RET'], expected: [] },
    { name: 'a secret split across two texts is in neither', texts: ['x tok"SEC', '/RET y'], expected: [] },
    { name: 'each form, in its own text', texts: ['a', encodeURIComponent(secret), 'b', JSON.stringify(secret), Buffer.from(secret).toString('base64')], expected: [1, 3, 4] },
    { name: 'the first and the last text', texts: ['pw', 'x', 'y pw'], expected: [0, 2] },
    { name: 'one text', texts: [`call ${secret}`], expected: [0] },
    { name: 'no texts', texts: [], expected: [] },
  ])('finds $name', ({ texts, expected }) => {
    expect(scrubber.findIn(texts)).toStrictEqual(expected);
    expect(createSecretScrubber([]).findIn(texts)).toStrictEqual([]);
  });

  it('finds exactly the texts that scrub would change (property)', () => {
    const pieces = fc.constantFrom('', 'a', ' ', 'tok', '"SEC', '/RET', secret, 'p', 'w', 'pw', 'user:', 'dG9r', encodeURIComponent(secret));
    const textArb = fc.array(pieces, { maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 8 }), (texts) => {
        const changed = texts.flatMap((text, i) => (scrubber.scrub(text) === text ? [] : [i]));
        expect(scrubber.findIn(texts)).toStrictEqual(changed);
      }),
      { numRuns: 500 },
    );
  });
});
