import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyKey,
  classifyValue,
  isCardNumber,
  MAX_SCAN_NODES,
  MAX_SENSITIVE_WARNINGS,
  REDACTED,
  scanSensitiveData,
} from '../../src/sensitive.js';
import { luhnCheckDigit } from '../helpers/luhn.js';
import { startCpuClock } from '../helpers/cpu-time.js';

describe('classifyKey', () => {
  const keys: Array<[string, string | undefined]> = [
    ['password', 'password'], ['userPassword', 'password'], ['PASSWORD_HASH', 'password'], ['passwd', 'password'],
    ['pwd', 'password'], ['pass_word', 'password'], ['secret', 'secret'], ['clientSecret', 'secret'],
    ['private-key', 'secret'], ['api_key', 'api_key'], ['apiKey', 'api_key'], ['APIKey', 'api_key'],
    ['ssn', 'ssn'], ['SSNNumber', 'ssn'], ['ssn_last4', 'ssn'], ['social_security_number', 'ssn'],
    ['cvv', 'cvv'], ['cvv2', 'cvv'], ['card_cvc', 'cvv'], ['pin', 'pin'], ['pinCode', 'pin'], ['atm-pin', 'pin'],
    ['card_number', 'card_number'], ['cardNumber', 'card_number'], ['cardnumber', 'card_number'],
    ['creditCard', 'card_number'], ['credit_card_no', 'card_number'], ['ccNumber', 'card_number'],
    ['access_token', 'token'], ['authToken', 'token'], ['token', 'token'], ['refresh_tokens', 'token'],
    ['passwords', 'password'], ['api_keys', 'api_key'], ['cardNumbers', 'card_number'],
    // Look-alikes that must not match.
    ['shipping', undefined], ['opinion', undefined], ['spinner', undefined], ['pinned', undefined],
    ['tokenCount', undefined], ['token_count', undefined], ['passenger', undefined], ['compass', undefined],
    ['keyboard', undefined], ['secretary_name', undefined], ['cardholder', undefined], ['name', undefined],
    ['tier', undefined], ['phone_number', undefined], ['order_number', undefined], ['discard', undefined],
  ];
  it.each(keys)('classifies the key %s as %s', (key, kind) => {
    expect(classifyKey(key)).toBe(kind);
  });
});

describe('classifyValue', () => {
  const values: Array<[string, unknown, string | undefined]> = [
    ['a Visa test number', '4111111111111111', 'card_number'],
    ['a Visa number with spaces', '4111 1111 1111 1111', 'card_number'],
    ['a Mastercard number with dashes', '5555-5555-5555-4444', 'card_number'],
    ['an Amex number (15 digits)', '378282246310005', 'card_number'],
    ['a 13-digit Visa', '4222222222222', 'card_number'],
    ['a card number inside a note', 'paid with 4111 1111 1111 1111 yesterday', 'card_number'],
    ['a card number as a JSON number', 4111111111111111, 'card_number'],
    ['a Luhn-invalid 16-digit number', '4111111111111112', undefined],
    ['a phone number', '+1 555-010-0199', undefined],
    ['an E.164 phone number', '+4915112345678', undefined],
    ['a 12-digit number', '411111111113', undefined],
    ['a 20-digit number', '41111111111111111110', undefined],
    ['a Luhn-valid number starting with 1', '1111111111111117', undefined],
    ['all zeros', '0000000000000000', undefined],
    ['a card number glued to letters', 'ID4111111111111111', undefined],
    ['an SSN', '123-45-6789', 'ssn'],
    ['an SSN in text', 'ssn is 078-05-1120.', 'ssn'],
    ['an SSN with area 000', '000-12-3456', undefined],
    ['an SSN with area 666', '666-12-3456', undefined],
    ['an SSN with area 9xx', '912-34-5678', undefined],
    ['an SSN with group 00', '123-00-4567', undefined],
    ['an SSN with serial 0000', '123-45-0000', undefined],
    ['a date', '2024-01-15', undefined],
    ['a US phone number', '555-123-4567', undefined],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000', undefined],
    ['a boolean', true, undefined],
    ['a short number', 42, undefined],
  ];
  it.each(values)('classifies %s', (_name, value, kind) => {
    expect(classifyValue(value)).toBe(kind);
  });

  it('finds Luhn-valid card numbers in any spacing and rejects altered ones (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }), fc.constantFrom('', ' ', '-'), (first, rest, sep) => {
        const partial = [first, ...rest];
        const check = luhnCheckDigit(partial);
        const digits = [...partial, check];
        const text = digits.join('').replace(/(\d{4})(?=\d)/g, `$1${sep}`);
        expect(isCardNumber(text)).toBe(true);
        const altered = [...partial, (check + 1) % 10].join('');
        expect(isCardNumber(altered)).toBe(false);
      }),
    );
  });
});

const SECRET_VALUES = ['hunter2-SECRET', '4111 1111 1111 1111', '078-05-1120', '9876', '321'];

const response = () => ({
  name: 'Ada',
  shipping: { city: 'Berlin', opinion: 'great' },
  customer: {
    password: 'hunter2-SECRET',
    payment: { card_number: '4111 1111 1111 1111', cvv: 321, expiry: '12/30' },
    notes: 'SSN on file: 078-05-1120',
    has_pin: true,
    pin: '9876',
  },
  orders: [{ id: 1, total: 10 }, { id: 2, card: '5555555555554444' }],
  'odd key.name': { secret: { nested: 'x' } },
});

describe('scanSensitiveData', () => {
  const expectedFindings = [
    { path: 'customer.password', kind: 'password' },
    { path: 'customer.payment.card_number', kind: 'card_number' },
    { path: 'customer.payment.cvv', kind: 'cvv' },
    { path: 'customer.notes', kind: 'ssn' },
    { path: 'customer.pin', kind: 'pin' },
    { path: 'orders[1].card', kind: 'card_number' },
    { path: '"odd key.name".secret', kind: 'secret' },
  ];

  const modes = [
    { mode: 'redact', redacts: true, verb: 'was redacted' },
    { mode: 'warn', redacts: false, verb: 'was passed through' },
  ] as const;

  it.each(modes)('$mode: finds each value by key or shape and names path and kind, never the value', ({ mode, redacts, verb }) => {
    const input = response();
    const result = scanSensitiveData(input, mode);
    expect(result.findings).toEqual(expectedFindings);
    expect(result.warnings).toHaveLength(expectedFindings.length);
    result.warnings.forEach((warning, i) => {
      expect(warning).toContain(expectedFindings[i]!.path);
      expect(warning).toContain(expectedFindings[i]!.kind.replace('_', ' '));
      expect(warning).toContain(verb);
    });
    const text = JSON.stringify(result.warnings) + JSON.stringify(result.findings);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
    expect(input).toStrictEqual(response());
    const vars = result.variables as ReturnType<typeof response>;
    if (redacts) {
      expect(vars.customer.password).toBe(REDACTED);
      expect(vars.customer.payment).toStrictEqual({ card_number: REDACTED, cvv: REDACTED, expiry: '12/30' });
      expect(vars.customer.notes).toBe(REDACTED);
      expect(vars.customer.has_pin).toBe(true);
      expect(vars.orders).toStrictEqual([{ id: 1, total: 10 }, { id: 2, card: REDACTED }]);
      expect(vars['odd key.name']).toStrictEqual({ secret: REDACTED });
      expect(vars.shipping).toBe(input.shipping);
      expect(JSON.stringify(vars)).not.toMatch(/hunter2|4111|078-05|9876|321/);
    } else {
      expect(vars).toBe(input);
    }
  });

  it('off: returns the input untouched with no findings', () => {
    const input = response();
    expect(scanSensitiveData(input, 'off')).toStrictEqual({ variables: input, warnings: [], findings: [] });
  });

  const clean = [
    { name: 'ordinary CRM data', vars: { name: 'Ada', tier: 'VIP', phone: '+15550100', orders: [{ id: 20240115, total: 99.5 }] } },
    { name: 'empty or boolean values under sensitive keys', vars: { password: '', pin: null, has_password: false, secret: true } },
    { name: 'look-alike keys', vars: { shipping: 'DHL', opinion: 'ok', token_count: 12, spinner: 'on' } },
  ];
  it.each(clean)('leaves $name alone', ({ vars }) => {
    const result = scanSensitiveData(vars, 'redact');
    expect(result.findings).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.variables).toBe(vars);
  });

  it('caps warnings and sums up the rest', () => {
    const vars = { cards: Array.from({ length: 25 }, () => ({ card_number: '4111111111111111' })) };
    const result = scanSensitiveData(vars, 'redact');
    expect(result.findings).toHaveLength(25);
    expect(result.warnings).toHaveLength(MAX_SENSITIVE_WARNINGS + 1);
    expect(result.warnings.at(-1)).toContain('15 more sensitive values were redacted');
    expect((result.variables.cards as Array<Record<string, unknown>>).every((c) => c.card_number === REDACTED)).toBe(true);
  });

  const bounds = [
    { name: 'more values than the scan budget', vars: { list: new Array(MAX_SCAN_NODES + 10).fill('x') } },
    { name: 'nesting 100,000 levels deep', vars: JSON.parse(`${'{"a":'.repeat(100_000)}"4111111111111111"${'}'.repeat(100_000)}`) as Record<string, unknown> },
  ];
  it.each(bounds)('stops early with a warning for $name', ({ vars }) => {
    const cpuMs = startCpuClock();
    const result = scanSensitiveData(vars, 'redact');
    expect(cpuMs()).toBeLessThan(2000);
    expect(result.warnings.at(-1)).toContain('part of the response was not checked');
  });

  it('keeps a __proto__ key a plain key when redacting under it', () => {
    const vars = JSON.parse('{"__proto__":{"password":"p4ss"},"ok":1}') as Record<string, unknown>;
    const result = scanSensitiveData(vars, 'redact');
    expect(result.findings).toEqual([{ path: '__proto__.password', kind: 'password' }]);
    expect(Object.getPrototypeOf(result.variables)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result.variables, '__proto__')?.value).toStrictEqual({ password: REDACTED });
    expect(({} as Record<string, unknown>).password).toBeUndefined();
  });
});

// The scan before its speed-ups (explicit stack, paths and trails built per node), kept
// here as the reference the optimised scan must match exactly, in every mode.
function referenceScan(vars: Record<string, unknown>, mode: 'redact' | 'warn' | 'off') {
  if (mode === 'off') return { variables: vars, warnings: [] as string[], findings: [] as Array<{ path: string; kind: string }> };
  type Item = { value: unknown; path: string; trail: Array<string | number> };
  const formatPath = (parent: string, key: string | number): string => {
    if (typeof key === 'number') return `${parent}[${key}]`;
    const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key.slice(0, 100));
    if (parent === '') return safe;
    return safe === key ? `${parent}.${key}` : `${parent}[${safe}]`;
  };
  const push = (stack: Item[], value: object, path: string, trail: Array<string | number>) => {
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: formatPath(path, entries[i]![0]), trail: [...trail, entries[i]![0]] });
  };
  const shaped = (v: unknown) => (typeof v === 'string' ? v.length > 0 : typeof v === 'number' || (typeof v === 'object' && v !== null));
  const hits: Array<{ path: string; kind: string; trail: Array<string | number> }> = [];
  const stack: Item[] = [];
  push(stack, vars, '', []);
  let visited = 0;
  let truncated = false;
  while (stack.length > 0) {
    if (++visited > MAX_SCAN_NODES) { truncated = true; break; }
    const { value, path, trail } = stack.pop()!;
    const last = trail[trail.length - 1];
    const byKey = typeof last === 'string' ? classifyKey(last) : undefined;
    if (byKey && shaped(value)) { hits.push({ path, kind: byKey, trail }); continue; }
    if (typeof value === 'object' && value !== null) {
      if (trail.length < 64) push(stack, value, path, trail);
      else truncated = true;
    } else {
      const byValue = classifyValue(value);
      if (byValue) hits.push({ path, kind: byValue, trail });
    }
  }
  const findings = hits.map(({ path, kind }) => ({ path, kind }));
  const verb = mode === 'redact' ? 'was redacted' : 'was passed through (sensitiveData: warn)';
  const warnings = findings.slice(0, MAX_SENSITIVE_WARNINGS).map((f) => `Sensitive data (${f.kind.replace('_', ' ')}) at ${f.path} ${verb}; remove it from the endpoint's response.`);
  if (findings.length > MAX_SENSITIVE_WARNINGS) warnings.push(`${findings.length - MAX_SENSITIVE_WARNINGS} more sensitive values ${mode === 'redact' ? 'were redacted' : 'were found'}.`);
  if (truncated) warnings.push(`Sensitive data scan stopped early (over ${MAX_SCAN_NODES} values or 64 levels); part of the response was not checked.`);
  if (mode !== 'redact' || hits.length === 0) return { variables: vars, warnings, findings };
  // A plain deep copy with each hit replaced (own __proto__ keys stay plain keys).
  const redacted = new Set(hits.map((h) => JSON.stringify(h.trail)));
  const copy = (value: unknown, trail: Array<string | number>): unknown => {
    if (redacted.has(JSON.stringify(trail))) return REDACTED;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v, i) => copy(v, [...trail, i]));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) Object.defineProperty(out, k, { value: copy((value as Record<string, unknown>)[k], [...trail, k]), writable: true, enumerable: true, configurable: true });
    return out;
  };
  return { variables: copy(vars, []) as Record<string, unknown>, warnings, findings };
}

describe('scanSensitiveData against the reference scan', () => {
  const keys = fc.oneof(
    fc.constantFrom('password', 'pin', 'has_pin', 'shipping', 'card_number', 'cardNumber', 'cvv2', 'access_token', 'token_count', 'notes',
      'name', 'odd key.name', '__proto__', 'constructor', 'SSNNumber', 'api_keys', 'opinion', 'secretary_name', '0', ''),
    fc.string({ maxLength: 12 }),
  );
  const scalars = fc.oneof(
    fc.constantFrom('4111 1111 1111 1111', '4111111111111111', '5555-5555-5555-4444', '078-05-1120', 'ssn 123-45-6789.', '+4915112345678',
      '2024-01-15', '123456789', '12345678901', '', 'Ada', 'call me at 555 123 4567 89', 4111111111111111, 123456789012, 321, 1.5, true, false, null),
    fc.stringMatching(/^[0-9 a-]{0,24}$/),
    fc.string({ maxLength: 30 }),
    fc.integer(),
  );
  const build = (entries: Array<[string, unknown]>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
    return out;
  };
  const { tree } = fc.letrec((tie) => ({
    tree: fc.array(fc.tuple(keys, tie('value')), { maxLength: 6 }).map(build),
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalars, tie('tree'), fc.array(tie('value'), { maxLength: 4 })),
  }));

  it.each(['redact', 'warn', 'off'] as const)('%s: gives exactly the reference result on random trees (property)', (mode) => {
    fc.assert(
      fc.property(tree, (vars) => {
        const before = JSON.stringify(vars);
        const expected = referenceScan(vars, mode);
        const actual = scanSensitiveData(vars, mode);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        expect(JSON.stringify(vars)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  const nest = (levels: number, leaf: unknown): Record<string, unknown> => (levels === 0 ? { card: leaf } : { a: nest(levels - 1, leaf), pin: '1234' });
  it.each([
    { name: 'an 80-level deep tree', vars: nest(80, '4111111111111111') },
    { name: 'a tree wider than the node budget', vars: { list: Array.from({ length: MAX_SCAN_NODES + 5 }, (_, i) => (i % 1000 === 0 ? { pin: '1' } : i)) } },
  ])('matches the reference where the scan stops early: $name', ({ vars }) => {
    for (const mode of ['redact', 'warn'] as const) expect(JSON.stringify(scanSensitiveData(vars, mode))).toBe(JSON.stringify(referenceScan(vars, mode)));
  });
});
