import type { SensitiveKind } from './kinds.js';

// Digits as written: ASCII or full-width (U+FF10–FF19, what a Japanese IME types).
const D = '[0-9\\uFF10-\\uFF19]';
// Between card digit groups: space, dash, dot, slash, and the no-break and thin spaces
// a word processor puts in (U+00A0, U+2007, U+2009, U+202F).
const SEP = '[ \\-./\\u00A0\\u2007\\u2009\\u202F]';
const NOT_BEFORE = '(?<![\\w+\\-./\\uFF10-\\uFF19])';
const NOT_AFTER = '(?![\\w\\-\\uFF10-\\uFF19])';

// 13–19 digits, single separators between them, not inside a longer word or number,
// and not after "+" (an E.164 phone number can be Luhn-valid by chance).
const CARD_RE = new RegExp(`${NOT_BEFORE}${D}(?:${SEP}?${D}){12,18}${NOT_AFTER}`, 'g');
// ddd-dd-dddd is an SSN wherever it stands.
const SSN_DASHED_RE = new RegExp(`(?<![\\w\\-\\uFF10-\\uFF19])(${D}{3})-(${D}{2})-(${D}{4})${NOT_AFTER}`, 'g');
// Nine digits (or 3-2-4 with spaces or dots) are an order id or a phone number as often
// as an SSN: they count only right after words that name one.
const SSN_BARE_RE = new RegExp(`(?<![\\w\\-.\\uFF10-\\uFF19])(${D}{3})[ .\\u00A0]?(${D}{2})[ .\\u00A0]?(${D}{4})${NOT_AFTER}`, 'g');
const SSN_CONTEXT_RE = /(?:^|[^a-z])(?:ssns?|ss ?#|social[\s_-]?security|soc\.? ?sec|tax(?:payer)?[\s_-]?id|i?tin)(?![a-z])/i;
/** How far before a bare nine-digit number its naming words are looked for. */
const SSN_CONTEXT_CHARS = 32;

/** The ASCII digits of `text`: full-width digits mapped, everything else dropped. */
function asciiDigits(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text[i];
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
  }
  return out;
}

/** True for a Luhn-valid 13–19 digit number that starts like a payment card (2–6). */
export function isCardNumber(candidate: string): boolean {
  const digits = asciiDigits(candidate);
  if (!/^[2-6]\d{12,18}$/.test(digits)) return false;
  // One dot or slash is a decimal or a fraction (3.141592653589793), not card grouping.
  let marks = 0;
  for (let i = 0; i < candidate.length; i++) if (candidate[i] === '.' || candidate[i] === '/') marks++;
  if (marks === 1) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for an SSN in a range the SSA issues (no 000/666/9xx area, 00 group, 0000 serial). */
export function isSsn(area: string, group: string, serial: string): boolean {
  [area, group, serial] = [asciiDigits(area), asciiDigits(group), asciiDigits(serial)];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/**
 * Payment cards sent as bare JSON numbers of 17–19 digits: past 2^53, JSON.parse rounds
 * them, so the Luhn check must read the literal in the body. Returns the parsed values of
 * the Luhn-valid ones (a number in the response equal to one of them is redacted).
 */
export function bigCardNumbers(body: string): ReadonlySet<number> | undefined {
  let found: Set<number> | undefined;
  for (const match of body.matchAll(/(?<![\w.+-])[2-6]\d{16,18}(?![\w.])/g)) {
    if (isCardNumber(match[0])) (found ??= new Set()).add(Number(match[0]));
  }
  return found;
}

/**
 * The kind a scalar value looks like, if any: a card number or an SSN anywhere in it.
 * `bigCards` holds the values of 17–19-digit card numbers read from the body's text.
 */
export function classifyValue(value: unknown, bigCards?: ReadonlySet<number>): SensitiveKind | undefined {
  let text = value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return bigCards?.has(value) ? 'card_number' : undefined;
    text = String(value);
  }
  if (typeof text !== 'string' || text.length < 11) return undefined;
  for (const match of text.matchAll(CARD_RE)) if (isCardNumber(match[0])) return 'card_number';
  for (const m of text.matchAll(SSN_DASHED_RE)) if (isSsn(m[1]!, m[2]!, m[3]!)) return 'ssn';
  for (const m of text.matchAll(SSN_BARE_RE)) {
    const before = text.slice(Math.max(0, m.index - SSN_CONTEXT_CHARS), m.index);
    if (isSsn(m[1]!, m[2]!, m[3]!) && SSN_CONTEXT_RE.test(before)) return 'ssn';
  }
  return undefined;
}

// Nine digits with single separators is the least the patterns above can match: one
// cheap test spares the matchAll scans on most strings (names, emails, notes, dates).
// Spelled out, not as a counted group: V8's regexp engine backtracks a counted group at
// every digit (on the 1 KiB bench context: 0.36 µs against 1.5 µs).
const MAYBE_NUMBER_RE = new RegExp(Array.from({ length: 9 }, () => D).join(`${SEP}?`));

/** classifyValue behind the cheap pre-filter: what the scan calls for each scalar. */
export function kindOfValue(value: unknown, bigCards?: () => ReadonlySet<number> | undefined): SensitiveKind | undefined {
  if (typeof value === 'string') return value.length < 11 || !MAYBE_NUMBER_RE.test(value) ? undefined : classifyValue(value);
  if (typeof value !== 'number') return undefined;
  return classifyValue(value, Number.isSafeInteger(value) ? undefined : bigCards?.());
}
