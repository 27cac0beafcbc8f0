/**
 * Generated cases for the differential `datetime` test: deterministic (a seeded PRNG),
 * so a failure names a case that reproduces. Each case is a value, a zone and a format.
 */

export interface DatetimeCase {
  kind: 'iso' | 'epoch' | 'ms';
  value: string | number;
  zone: string;
  format: string;
}

/** Zones with half- and quarter-hour offsets and DST, plus the usual ones. */
export const ZONES = [
  'UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns',
  'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney',
  'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Etc/GMT+5',
];

/** Zones whose `%Z` ICU and the tz database spell alike (elsewhere `%Z` may differ, see README). */
const SAME_ABBREVIATION_ZONES = new Set(['UTC', 'America/New_York', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Etc/GMT+5']);

const NUMERIC_CODES = [...'CdegGHIjklmMSuUVwWyY'];
const TEXT_CODES = [...'aAbBhpPnt%'];
const COMPOSITE_CODES = [...'cDFrRTxXs'];
/** Every code Python on Linux formats (except %Z, added per zone). */
export const ALL_CODES = [...NUMERIC_CODES, ...TEXT_CODES, ...COMPOSITE_CODES, 'z', 'f'];

/** Instants (Unix seconds) around which cases cluster: DST changes, leap days, year ends, epoch 0. */
const KEY_INSTANTS = [
  0, -1, 1,
  Date.UTC(2026, 2, 8, 7) / 1000, Date.UTC(2026, 10, 1, 6) / 1000, // New York: spring forward, fall back
  Date.UTC(2026, 2, 29, 1) / 1000, Date.UTC(2026, 9, 25, 1) / 1000, // London and Berlin
  Date.UTC(2026, 3, 4, 15) / 1000, Date.UTC(2026, 9, 3, 15, 30) / 1000, // Lord Howe: half-hour DST
  Date.UTC(2026, 3, 4, 14) / 1000, Date.UTC(2026, 8, 26, 14) / 1000, // Chatham
  Date.UTC(2026, 2, 8, 5, 30) / 1000, Date.UTC(2026, 10, 1, 4, 30) / 1000, // St. John's
  Date.UTC(2026, 3, 4, 16) / 1000, Date.UTC(2026, 9, 3, 16) / 1000, // Sydney
  Date.UTC(2024, 1, 29, 12) / 1000, Date.UTC(2000, 1, 29, 23, 59, 59) / 1000, Date.UTC(2100, 1, 28, 23) / 1000,
  Date.UTC(1900, 1, 28, 12) / 1000, Date.UTC(2028, 1, 29) / 1000,
  Date.UTC(2025, 11, 31, 23, 59, 59) / 1000, Date.UTC(2026, 0, 1) / 1000, Date.UTC(2020, 11, 31, 12) / 1000,
  Date.UTC(2021, 0, 3, 12) / 1000, Date.UTC(2026, 11, 28, 12) / 1000, Date.UTC(2027, 0, 1, 11) / 1000,
];

/** Wall times without an offset: a DST gap (02:30 does not exist) and a fold (01:30 happens twice). */
const WALL_TIMES = ['2026-03-08T02:30:00', '2026-11-01T01:30:00', '2026-03-29T02:30', '2026-10-25T02:30:00', '2024-02-29', '2026-12-31', '2026-03-08 09:05:07.250000', '2026-04-05T02:15:00'];

const MODERN_SECONDS = Date.UTC(1990, 0, 1) / 1000;

/** mulberry32: a tiny seeded PRNG, enough to spread cases reproducibly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateCases(seed: number, count: number): DatetimeCase[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

  const instant = (): number => {
    const r = random();
    if (r < 0.6) return pick(KEY_INSTANTS) + pick([0, 0, -1, 1, -1800, 1800, -3600, 3600, -86_400, 86_400, int(-7200, 7200)]);
    return int(Date.UTC(1900, 0, 1) / 1000, Date.UTC(2100, 0, 1) / 1000);
  };
  const isoOf = (seconds: number, micro: number): string => {
    const offsetMin = pick([0, 0, 330, 345, -210, -300, 630, 825, -720, 840]);
    const shifted = new Date((seconds + offsetMin * 60) * 1000).toISOString().slice(0, 19);
    const fraction = micro === 0 ? '' : `.${String(micro).padStart(6, '0')}`;
    if (offsetMin === 0 && random() < 0.5) return `${shifted}${fraction}Z`;
    const sign = offsetMin < 0 ? '-' : '+';
    const abs = Math.abs(offsetMin);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${shifted}${fraction}${sign}${hh}${random() < 0.5 ? ':' : ''}${mm}`;
  };
  const value = (): Pick<DatetimeCase, 'kind' | 'value'> => {
    const seconds = instant();
    const r = random();
    if (r < 0.3) return { kind: 'epoch', value: seconds };
    if (r < 0.4) return { kind: 'epoch', value: seconds + int(0, 999) / 1000 };
    if (r < 0.55) return { kind: 'ms', value: seconds * 1000 + int(0, 999) };
    if (r < 0.65) return { kind: 'iso', value: pick(WALL_TIMES) };
    return { kind: 'iso', value: isoOf(seconds, random() < 0.3 ? int(0, 999_999) : 0) };
  };
  // Before 1990 ICU's abbreviations and the tz database's (LMT, AEST at Lord Howe) differ, and
  // war-time summer time confuses `%s` (see README): those codes are compared on modern dates.
  const conversion = (zone: string, modern: boolean): string => {
    const codes = modern ? [...ALL_CODES, ...(SAME_ABBREVIATION_ZONES.has(zone) ? ['Z'] : [])] : ALL_CODES.filter((c) => c !== 's');
    const code = pick(codes);
    const r = random();
    // A `%` with a width would make Python's pass and glibc's pair a following `%z` differently.
    if (code === 'z' || code === 'Z' || code === 'f' || code === '%' || r < 0.45) return `%${code}`;
    if (r < 0.65 && NUMERIC_CODES.includes(code)) return `%-${code}`;
    const flags = pick(['', '-', '_', '0', '^', '#', '^#', '0_', '_0']);
    const width = random() < 0.5 ? String(int(1, 12)) : '';
    const modifier = random() < 0.15 ? pick(['E', 'O']) : '';
    return `%${flags}${width}${modifier}${code}`;
  };
  const literal = (): string => pick([' ', ', ', ' at ', 'T', ':', '/', ' um ', 'à ', 'q', '%%', '%q', '%5q', '%^q', '%E5d', '']);

  const isModern = (v: Pick<DatetimeCase, 'kind' | 'value'>): boolean =>
    v.kind === 'iso' ? String(v.value) >= '1990' : Number(v.value) >= (v.kind === 'ms' ? 1000 : 1) * MODERN_SECONDS;
  const cases: DatetimeCase[] = [];
  // Every code, bare and with glibc's `-`, in every zone at least once.
  for (const code of [...ALL_CODES, 'Z', ...NUMERIC_CODES.map((c) => `-${c}`)]) {
    let v = value();
    while ((code === 's' || code === 'Z') && !isModern(v)) v = value();
    cases.push({ ...v, zone: code === 'Z' ? 'America/New_York' : ZONES[cases.length % ZONES.length], format: `%${code}` });
  }
  while (cases.length < count) {
    const zone = pick(ZONES);
    const v = value();
    const modern = isModern(v);
    let format = '';
    for (let n = int(1, 4); n > 0; n--) format += conversion(zone, modern) + literal();
    if (random() < 0.05) format += pick(['%', '%-', '%5', '%E']); // a format that ends inside a conversion
    cases.push({ ...v, zone, format });
  }
  return cases;
}
