import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyKey, classifyValue, isCardNumber, keyWords, MAX_MEMO_KEY_LENGTH, MAX_MEMO_KEYS, REDACTED, scanSensitiveData } from '../../src/sensitive.js';
import { memoFootprint } from '../../src/sensitive/keys.js';
import { luhnCheckDigit } from '../helpers/luhn.js';

// The key splitter before issue 8: four regex passes, the second quadratic on a run of
// capitals. Kept as the reference the one-pass splitter must agree with.
function regexKeyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

describe('keyWords', () => {
  it('splits exactly as the regex chain did, on random keys (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.\- é]{0,24}$/), (key) => {
        expect(keyWords(key)).toEqual(regexKeyWords(key));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['SSNNumber', ['ssn', 'number']], ['cvv2', ['cvv', '2']], ['APIKey', ['api', 'key']], ['tokenValue', ['token', 'value']],
    ['session_id', ['session', 'id']], ['HTTPServer2Go', ['http', 'server', '2', 'go']], ['', []], ['__', []],
  ])('splits %s into %j', (key, words) => {
    expect(keyWords(key)).toEqual(words);
  });
});

describe('classifyKey: the keys issue 8 found missing, and their look-alikes', () => {
  it.each([
    ['security_code', 'cvv'], ['securityCode', 'cvv'], ['csc', 'cvv'], ['card_csc', 'cvv'], ['otp', 'password'], ['otp_code', 'password'],
    ['jwt', 'token'], ['id_jwt', 'token'], ['session_id', 'token'], ['sessionId', 'token'], ['SESSIONID', 'token'],
    ['authorization', 'token'], ['Authorization', 'token'], ['http_authorization', 'token'], ['credentials', 'secret'],
    ['aws_credential', 'secret'], ['pass', 'password'], ['db_pass', 'password'], ['pw', 'password'], ['user_pw', 'password'],
    ['tokenValue', 'token'], ['token_value', 'token'], ['passCode', 'password'], ['tax_id', 'ssn'], ['taxpayerId', 'ssn'],
    // Look-alikes that must stay data.
    ['passenger', undefined], ['pass_through', undefined], ['bypass', undefined], ['compass_heading', undefined],
    ['authorization_status', undefined], ['credential_type', undefined], ['session_count', undefined], ['sessions', undefined],
    ['security_level', undefined], ['pwa_enabled', undefined], ['otpauth', undefined], ['tokenizer', undefined], ['postcode', undefined],
  ])('%s → %s', (key, kind) => {
    expect(classifyKey(key)).toBe(kind);
  });
});

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('classifyValue: card numbers in every spelling', () => {
  it.each([
    ['dots', '4111.1111.1111.1111', 'card_number'], ['no-break spaces', '4111\u00a01111\u00a01111\u00a01111', 'card_number'],
    ['narrow no-break spaces', '4111\u202f1111\u202f1111\u202f1111', 'card_number'], ['thin spaces', '4111\u20091111\u20091111\u20091111', 'card_number'],
    ['slashes', '4111/1111/1111/1111', 'card_number'], ['full-width digits', fullWidth('4111111111111111'), 'card_number'],
    ['full-width digits with spaces', fullWidth('4111 1111 1111 1111'), 'card_number'], ['dots at the end of a sentence', 'card 4111.1111.1111.1111.', 'card_number'],
    ['a 19-digit card as a string', '4111111111111111110', 'card_number'],
    // Not cards.
    ['a decimal with 16 digits', '3.141592653589793', undefined], ['a Luhn-invalid dotted number', '4111.1111.1111.1112', undefined],
    ['a fraction', '4111111/111111111', undefined], ['a date with slashes', '12/31/2030', undefined], ['an IP address', '192.168.100.200', undefined],
    ['a version string', 'v4.1.1', undefined], ['an E.164 number in full-width', `+${fullWidth('4915112345678')}`, undefined],
  ])('%s', (_name, value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });

  it('finds a Luhn-valid number whatever the separator, digit width and grouping (property)', () => {
    const sep = fc.constantFrom(' ', '-', '.', '/', '\u00a0', '\u2009', '\u202f', '');
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }), sep, fc.boolean(), (first, rest, s, wide) => {
        const partial = [first, ...rest];
        const grouped = (digits: number[]) => digits.join('').replace(/(\d{4})(?=\d)/g, `$1${s}`);
        const text = (digits: number[]) => (wide ? fullWidth(grouped(digits)) : grouped(digits));
        expect(classifyValue(`paid with ${text([...partial, luhnCheckDigit(partial)])} today`)).toBe('card_number');
        expect(isCardNumber(text([...partial, (luhnCheckDigit(partial) + 1) % 10]))).toBe(false);
      }),
    );
  });
});

describe('classifyValue: SSNs without dashes need words that name them', () => {
  it.each([
    ['after "SSN"', 'SSN 078051120', 'ssn'], ['after "ssn:"', 'ssn:078051120', 'ssn'], ['with spaces after SSN', 'SSN: 078 05 1120', 'ssn'],
    ['with dots after social security', 'social security number is 078.05.1120', 'ssn'], ['after "SS#"', 'SS# 078051120', 'ssn'],
    ['after "tax id"', 'Tax ID: 078051120', 'ssn'], ['in full-width digits', `SSN ${fullWidth('078051120')}`, 'ssn'],
    ['dashed in full-width digits', fullWidth('078-05-1120'), 'ssn'],
    // False positives the rule must not make.
    ['an order id', 'order 078051120 shipped', undefined], ['a bare nine-digit string', '078051120', undefined],
    ['a phone number grouped 3-2-4', 'call 030 12 3456 today', undefined], ['a US phone number', '(555) 123-4567', undefined],
    ['a zip+4 code', 'ZIP 94103-1234', undefined], ['an SSN-shaped number far after the word', `SSN on file; ${'x'.repeat(40)} order 078051120`, undefined],
    ['an invalid area after SSN', 'SSN 666051120', undefined], ['"ssn" inside a word', 'lessn 078051120', undefined],
    ['a nine-digit JSON number', 78051120, undefined],
  ])('%s', (_name, value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });
});

describe('scanSensitiveData: cards sent as JSON numbers of 17–19 digits', () => {
  const cases = [
    { name: '19-digit Luhn-valid', literal: '4111111111111111110', redacted: true },
    { name: '17-digit Luhn-valid', literal: '36000000000000004', redacted: true },
    { name: '19-digit Luhn-invalid', literal: '4111111111111111112', redacted: false },
    { name: '19-digit id starting with 1 (a snowflake id)', literal: '1234567890123456789', redacted: false },
  ];
  it.each(cases)('$name', ({ literal, redacted }) => {
    expect(isCardNumber(literal)).toBe(redacted);
    const body = `{"order":{"paid_with":${literal},"total":12.5}}`;
    const vars = JSON.parse(body) as { order: { paid_with: unknown } };
    const result = scanSensitiveData(vars, 'redact', { body });
    expect(result.variables.order).toEqual({ paid_with: redacted ? REDACTED : Number(literal), total: 12.5 });
    expect(result.findings).toEqual(redacted ? [{ path: 'order.paid_with', kind: 'card_number' }] : []);
  });
});

describe('the key memo', () => {
  it('keeps no key longer than its cap and no more keys than its bound', () => {
    for (let i = 0; i < MAX_MEMO_KEYS + 10; i++) scanSensitiveData({ [`${'K'.repeat(10_000)}${i}`]: 'v', [`key${i}`]: 'v' }, 'redact');
    const { keys, chars } = memoFootprint();
    expect(keys).toBeLessThanOrEqual(MAX_MEMO_KEYS);
    expect(chars).toBeLessThanOrEqual(MAX_MEMO_KEYS * MAX_MEMO_KEY_LENGTH);
  });

  it('classifies a long key the same as a short one', () => {
    const key = `${'x'.repeat(MAX_MEMO_KEY_LENGTH)}_password`;
    expect(scanSensitiveData({ [key]: 'hunter2' }, 'redact').findings).toEqual([{ path: key, kind: 'password' }]);
  });
});
