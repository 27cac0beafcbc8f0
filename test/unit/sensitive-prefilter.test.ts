import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyValue, scanSensitiveData } from '../../src/sensitive.js';

// The scan only runs classifyValue on strings that pass its nine-digit pre-filter; the
// pre-filter is a speed-up and must never hide a value classifyValue would flag.
describe('the value pre-filter of scanSensitiveData', () => {
  const text = fc.stringMatching(/^[0-9 \-a+]{11,40}$/);

  it('flags exactly what classifyValue flags, on digit-heavy strings (property)', () => {
    fc.assert(
      fc.property(text, (value) => {
        const found = scanSensitiveData({ note: value }, 'warn').findings.map((f) => f.kind);
        const expected = classifyValue(value);
        expect(found).toEqual(expected === undefined ? [] : [expected]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['4111 1111 1111 1111', 'card 4111-1111-1111-1111 ok', 'ssn 123-45-6789 here', '1-2-3-4-5-6-7-8-9-0-1'])('agrees on %s', (value) => {
    const expected = classifyValue(value);
    expect(scanSensitiveData({ note: value }, 'warn').findings.map((f) => f.kind)).toEqual(expected === undefined ? [] : [expected]);
  });
});
