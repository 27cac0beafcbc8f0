/**
 * Generated strings for the differential test of the `datetime` filter's string parsing
 * against Python 3.11's `datetime.fromisoformat`: the forms a CRM sends (extended and basic
 * ISO 8601, week dates, `T` or space, hour / minute / second times, fractions, offsets),
 * fields out of range (hour 24, second 60, month 13, offset 24 h), and mutations of all of
 * them (a character dropped, doubled, inserted or changed, whitespace, NUL, non-ASCII).
 * Deterministic: a seeded PRNG, so a failing case reproduces.
 */
import { seeded } from './datetime-cases.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Separators between date and time: Python takes any one character there. */
const SEPARATORS = ['T', 'T', 'T', ' ', ' ', 't', '_', 'x', '1', '-', '\u00e9', '\u2003', '\ud83d\ude00', '\ud800', '\0'];
/** Characters a mutation inserts or substitutes. */
const NOISE = [...'0123456789-:.,+ZzTtW _/', '\n', '\0', '\u00e9', '\ud800', '\ud83d\ude00', '\uff11'];

export function generateIsoStrings(seed: number, count: number): string[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number): boolean => random() < p;

  const year = (): number => (chance(0.85) ? int(1990, 2035) : pick([0, 1, 2, 1582, 1900, 2000, 2100, 9998, 9999]));
  // Basic format (no `-` or `:`) mostly throughout a string, as a system writes it.
  let basic = false;
  const compact = (): boolean => (chance(0.9) ? basic : chance(0.5));
  const date = (): string => {
    const y = pad(year(), 4);
    const r = random();
    if (r < 0.75) {
      const month = chance(0.9) ? int(1, 12) : pick([0, 13, 19, 99]);
      const day = chance(0.85) ? int(1, 28) : pick([0, 29, 30, 31, 32, 99]);
      return compact() ? `${y}${pad(month, 2)}${pad(day, 2)}` : `${y}-${pad(month, 2)}-${pad(day, 2)}`;
    }
    const week = pad(chance(0.85) ? int(1, 52) : pick([0, 53, 54, 99]), 2);
    const weekday = chance(0.85) ? String(int(1, 7)) : pick(['0', '8', '9', '']);
    if (!compact()) return weekday === '' ? `${y}-W${week}` : `${y}-W${week}-${weekday}`;
    return `${y}W${week}${weekday}`;
  };
  const field = (max: number, odd: number[]): string => pad(chance(0.88) ? int(0, max) : pick(odd), 2);
  const fraction = (): string => {
    if (!chance(0.3)) return '';
    const digits = pick([0, 1, 2, 3, 3, 6, 6, 7, 9, 12, 30]);
    return pick(['.', '.', ',']) + Array.from({ length: digits }, () => String(int(0, 9))).join('');
  };
  const time = (): string => {
    const colon = !compact();
    const [h, m, s] = [field(23, [24, 25, 99]), field(59, [60, 61, 99]), field(59, [60, 61, 99])];
    const parts = pick([1, 2, 2, 3, 3, 3]);
    const clock = [h, m, s].slice(0, parts).join(colon ? ':' : '');
    return clock + (parts === 3 || chance(0.15) ? fraction() : '');
  };
  const offset = (): string => {
    const r = random();
    if (r < 0.35) return '';
    if (r < 0.55) return chance(0.95) ? 'Z' : 'z';
    const sign = chance(0.5) ? '+' : '-';
    const hh = pad(chance(0.9) ? int(0, 14) : pick([23, 24, 25, 99]), 2);
    const mm = pad(chance(0.9) ? pick([0, 0, 30, 45, int(0, 59)]) : pick([60, 99]), 2);
    const colon = compact() ? '' : ':';
    switch (pick([0, 1, 1, 1, 2, 3])) {
      case 0: return `${sign}${hh}`;
      case 1: return `${sign}${hh}${colon}${mm}`;
      case 2: return `${sign}${hh}${colon}${mm}${colon}${pad(int(0, 59), 2)}`;
      default: return `${sign}${hh}${colon}${mm}${colon}${pad(int(0, 59), 2)}${fraction()}`;
    }
  };
  const mutate = (s: string): string => {
    const chars = [...s];
    const at = int(0, chars.length);
    switch (int(0, 6)) {
      case 0: chars.splice(at, 1); break;
      case 1: chars.splice(at, 0, pick(NOISE)); break;
      case 2: chars.splice(at, 1, pick(NOISE)); break;
      case 3: chars.splice(at, 0, chars[at] ?? ''); break;
      case 4: return pick([' ', '\n', '\t', '\ufeff']) + s;
      case 5: return s + pick([' ', '\n', '\0', 'Z', ':', '.', '0', 'junk']);
      default: return s.slice(0, at);
    }
    return chars.join('');
  };

  const strings: string[] = [];
  while (strings.length < count) {
    basic = chance(0.3);
    let s = date();
    if (chance(0.8)) s += pick(SEPARATORS) + time() + offset();
    if (chance(0.25)) s = mutate(s);
    strings.push(s);
  }
  return strings;
}
