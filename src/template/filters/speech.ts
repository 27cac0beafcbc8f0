import { bindArgs } from '../runtime/args.js';
import { Markup, PyFloat, type FilterFunction } from '../runtime/types.js';
import { daysFromCivil } from '../time/civil.js';
import { toZonedTime } from '../time/instant.js';
import { nowForRender, zoneForRender } from '../time/render-clock.js';
import { strftime } from '../time/strftime.js';
import { parseFloatPy } from './numbers.js';

/**
 * Filters that make data sound right when a voice says it. All are lenient: data that
 * is missing or does not fit gives undefined, so `| default(...)` supplies the words.
 */

/** Longest input these filters read: a phone or card number is far shorter. */
const MAX_SPOKEN_INPUT = 64;
/** Most digits `spell_phone` reads: E.164 allows 15. */
const MAX_PHONE_DIGITS = 20;
const PHONE_RE = /^[\d\s+().\-/]+$/;
// Intl's money output puts no-break spaces around the symbol; a voice model wants plain ones.
const NO_BREAK_SPACES_RE = /[\u00a0\u202f]/g;
const CURRENCY_RE = /^[A-Za-z]{3}$/;
const MAX_CACHED_FORMATS = 200;

function textOf(value: unknown): string | undefined {
  const text = value instanceof Markup ? value.text : typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  return typeof text === 'string' && text.length <= MAX_SPOKEN_INPUT ? text : undefined;
}

/** A number from a number, a PyFloat or numeric text; undefined otherwise. */
function numberOf(value: unknown): number | undefined {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value instanceof Markup ? value.text : value;
  if (typeof text !== 'string' || text.length > MAX_SPOKEN_INPUT) return undefined;
  const n = parseFloatPy(text);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

const spaced = (digits: string): string => digits.split('').join(' ');

/**
 * `"+1 (415) 555-0123" | spell_phone` → `1, 4 1 5, 5 5 5, 0 1 2 3`: digit by digit, the last
 * four together and the rest in threes, with a comma (a pause) between groups.
 */
const spellPhone: FilterFunction = (value, args, kwargs) => {
  bindArgs('spell_phone', [], [], args, kwargs);
  const text = textOf(value);
  if (text === undefined || !PHONE_RE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  if (digits.length === 0 || digits.length > MAX_PHONE_DIGITS) return undefined;
  const groups = [digits.slice(-4)];
  for (let end = digits.length - 4; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.map(spaced).join(', ');
};

/** `"4111 1111 1111 1234" | last_four` → `1 2 3 4`: the last four digits, one by one. */
const lastFour: FilterFunction = (value, args, kwargs) => {
  bindArgs('last_four', [], [], args, kwargs);
  const digits = textOf(value)?.replace(/\D/g, '');
  return digits === undefined || digits.length < 4 ? undefined : spaced(digits.slice(-4));
};

const moneyFormats = new Map<string, Intl.NumberFormat | null>();
let currencies: Set<string> | undefined;

/** An ISO 4217 code ICU knows: Intl would format any three letters ("ZZZ 1.00"). */
function isCurrency(code: unknown): code is string {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return typeof code === 'string' && CURRENCY_RE.test(code) && currencies.has(code.toUpperCase());
}

/** `42.5 | money('EUR', 'de-DE')` → `42,50 €`: an amount in a currency, as the locale writes it. */
const money: FilterFunction = (value, args, kwargs) => {
  const [currency, locale] = bindArgs('money', ['currency', 'locale'], ['USD', 'en-US'], args, kwargs);
  const amount = numberOf(value);
  if (amount === undefined || !isCurrency(currency) || typeof locale !== 'string' || locale.length > 35) return undefined;
  const key = `${currency}\u0000${locale}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      format = null;
    }
    if (moneyFormats.size >= MAX_CACHED_FORMATS) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  return format === null ? undefined : format.format(amount).replace(NO_BREAK_SPACES_RE, ' ');
};

/** `3 | ordinal` → `3rd` (English). Whole numbers only. */
const ordinal: FilterFunction = (value, args, kwargs) => {
  bindArgs('ordinal', [], [], args, kwargs);
  const n = typeof value === 'boolean' ? undefined : numberOf(value);
  if (n === undefined || !Number.isSafeInteger(n)) return undefined;
  const lastTwo = Math.abs(n) % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** Days either side of today that a weekday alone names ("on Tuesday"). */
const WEEKDAY_RANGE_DAYS = 6;
/** Further than this from today, a date says its year. */
const SAME_YEAR_RANGE_DAYS = 180;

/**
 * `appointment.start | relative_day` → `today`, `tomorrow`, `yesterday`, `on Tuesday` (within
 * the coming week) or `on March 3` (`on March 3, 2027` when far away), in the render's zone
 * and relative to its `current_datetime`, so a preview says what the call will.
 */
const relativeDay: FilterFunction = (value, args, kwargs) => {
  const [timezone] = bindArgs('relative_day', ['timezone'], [null], args, kwargs);
  const zone = zoneForRender(timezone);
  const day = zone === undefined ? undefined : toZonedTime(value, zone);
  const today = zone === undefined ? undefined : nowForRender(zone);
  if (day === undefined || today === undefined) return undefined;
  const { wall } = day;
  const diff = daysFromCivil(wall.year, wall.month, wall.day) - daysFromCivil(today.wall.year, today.wall.month, today.wall.day);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff === -1) return 'yesterday';
  if (diff > 1 && diff <= WEEKDAY_RANGE_DAYS) return strftime(day, 'on %A');
  return strftime(day, Math.abs(diff) > SAME_YEAR_RANGE_DAYS && wall.year !== today.wall.year ? 'on %B %-d, %Y' : 'on %B %-d');
};

export const SPEECH_FILTERS: Readonly<Record<string, FilterFunction>> = {
  spell_phone: spellPhone,
  last_four: lastFour,
  money,
  ordinal,
  relative_day: relativeDay,
};
