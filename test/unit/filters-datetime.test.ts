import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, isTemplateError, renderTemplate } from '../../src/index.js';

const SOON = "{{ v | datetime(f, z) | default('soon') }}";
const render = (vars: Record<string, unknown>) => renderTemplate(SOON, { f: '%Y-%m-%d %H:%M', z: null, ...vars });

describe('datetime: readable output', () => {
  const cases = [
    { name: 'an offset time, in the zone given', vars: { v: '2026-03-08T09:30:00-04:00', f: '%A, %B %-d at %-I:%M %p', z: 'America/New_York' }, expected: 'Sunday, March 8 at 9:30 AM' },
    { name: 'epoch seconds, in a quarter-hour zone', vars: { v: 0, f: '%Y-%m-%d %H:%M %z', z: 'Asia/Kathmandu' }, expected: '1970-01-01 05:30 +0530' },
    { name: 'a JS Date', vars: { v: new Date(Date.UTC(2025, 6, 2, 22, 30)), f: '%-d %b %Y, %H:%M', z: 'America/Los_Angeles' }, expected: '2 Jul 2025, 15:30' },
    { name: 'a date alone, as that day at 00:00', vars: { v: '2026-03-08', f: '%a %d %H:%M', z: 'Asia/Tokyo' }, expected: 'Sun 08 00:00' },
    { name: 'a wall time without offset, kept as written in the zone', vars: { v: '2026-07-02T15:30', f: '%H:%M %z', z: 'Europe/Berlin' }, expected: '15:30 +0200' },
    { name: 'the default format, in UTC', vars: { v: '2026-03-08T09:30:00+05:30' }, expected: '2026-03-08 04:00' },
  ];
  it.each(cases)('formats $name', ({ vars, expected }) => {
    expect(render(vars)).toBe(expected);
  });

  it('formats in the render\'s timezone variable when no zone is given, and the argument wins over it', () => {
    const vars = { t: '2026-03-08T12:00:00Z', timezone: 'Asia/Kolkata' };
    expect(renderTemplate("{{ t | datetime('%H:%M') }}", vars)).toBe('17:30');
    expect(renderTemplate("{{ t | datetime('%H:%M', timezone='Pacific/Chatham') }}", vars)).toBe('01:45');
    expect(renderTemplate("{{ t | datetime('%H:%M') }}", { t: vars.t })).toBe('12:00');
  });

  const bound = [
    { name: 'set at the top', template: "{% set timezone = 'Asia/Kolkata' %}{{ t | datetime('%H:%M') }}", expected: '17:30' },
    { name: 'with, then outside it', template: "{% with timezone = 'Asia/Tokyo' %}{{ t | datetime('%H:%M') }}{% endwith %} {{ t | datetime('%H:%M') }}", expected: '21:00 12:00' },
    { name: 'a macro parameter', template: "{% macro at(timezone) %}{{ t | datetime('%H:%M') }}{% endmacro %}{{ at('Asia/Kathmandu') }}", expected: '17:45' },
    { name: 'a loop variable, for relative_day too', template: "{% for timezone in ['Pacific/Kiritimati', 'UTC'] %}{{ t | relative_day }} {% endfor %}", expected: 'tomorrow today ' },
    { name: 'overridden by an argument', template: "{% set timezone = 'Asia/Kolkata' %}{{ t | datetime('%H:%M', 'UTC') }} {{ t | datetime('%H:%M', timezone='Asia/Tokyo') }}", expected: '12:00 21:00' },
    { name: 'an unknown zone (undefined, takes | default)', template: "{% set timezone = 'Mars/Base' %}{{ t | datetime('%H:%M') | default('soon') }}", expected: 'soon' },
  ];
  it.each(bound)('formats in a timezone the template binds: $name', ({ template, expected }) => {
    // Now is 23:00 on March 8 in Kiritimati (UTC+14), and t is 02:00 on March 9 there.
    const vars = { t: '2026-03-08T12:00:00Z', current_datetime: '2026-03-08T09:00:00Z' };
    expect(renderTemplate(template, vars)).toBe(expected);
  });
});

describe('datetime: the strings Python 3.11\'s fromisoformat reads', () => {
  const full = (v: string, z = 'UTC') => render({ v, z, f: '%Y-%m-%d %H:%M:%S.%f %z' });
  const accepted = [
    { name: 'basic format with Z', v: '20260308T133000Z', expected: '2026-03-08 13:30:00.000000 +0000' },
    { name: 'a basic date alone', v: '20260308', expected: '2026-03-08 00:00:00.000000 +0000' },
    { name: 'an hour alone', v: '2026-03-08T13', expected: '2026-03-08 13:00:00.000000 +0000' },
    { name: 'hour and minute without a colon', v: '2026-03-08T1330', expected: '2026-03-08 13:30:00.000000 +0000' },
    { name: 'a space separator', v: '2026-03-08 13:30', expected: '2026-03-08 13:30:00.000000 +0000' },
    { name: 'a comma fraction', v: '2026-03-08T13:30:00,5', expected: '2026-03-08 13:30:00.500000 +0000' },
    { name: 'a fraction past microseconds (dropped, not rounded)', v: '2026-03-08T13:30:00.1234567891', expected: '2026-03-08 13:30:00.123456 +0000' },
    { name: 'an offset in hours', v: '2026-03-08T13:30+05', expected: '2026-03-08 08:30:00.000000 +0000' },
    { name: 'an offset without a colon', v: '2026-03-08T13:30-0330', expected: '2026-03-08 17:00:00.000000 +0000' },
    { name: 'an offset with seconds and a fraction', v: '2026-03-08T13:30:00+05:30:15.5', expected: '2026-03-08 07:59:44.500000 +0000' },
    { name: 'an ISO week date', v: '2026-W10-7', expected: '2026-03-08 00:00:00.000000 +0000' },
    { name: 'a basic week date with a time', v: '2026W107T13:30Z', expected: '2026-03-08 13:30:00.000000 +0000' },
    { name: 'a week alone (its Monday)', v: '2026-W53', expected: '2026-12-28 00:00:00.000000 +0000' },
    { name: 'a wall time in the target zone', v: '20260308T0930', z: 'America/New_York', expected: '2026-03-08 09:30:00.000000 -0400' },
  ];
  it.each(accepted)('reads $name', ({ v, z, expected }) => {
    expect(full(v, z)).toBe(expected);
  });

  // Python 3.11 refuses these; so does the filter (undefined, takes | default).
  const rejected = [
    { name: 'hour 24 (Python 3.11 has no end-of-day 24:00)', v: '2026-03-08T24:00' },
    { name: 'a leap second', v: '2026-12-31T23:59:60Z' },
    { name: 'minute 60', v: '2026-03-08T13:60' },
    { name: 'month 13', v: '2026-13-01' },
    { name: 'year 0', v: '0000-01-01' },
    { name: 'an offset of 24 hours', v: '2026-03-08T13:30+24:00' },
    { name: 'week 53 of a 52-week year', v: '2025-W53' },
    { name: 'weekday 8', v: '2026-W10-8' },
    { name: 'a lowercase z', v: '2026-03-08T13:30z' },
    { name: 'surrounding whitespace', v: ' 2026-03-08T13:30Z ' },
    { name: 'a trailing newline', v: '2026-03-08\n' },
    { name: 'a year and month alone', v: '2026-03' },
    { name: 'an ordinal date', v: '2026-067' },
    { name: 'a mixed basic and extended date', v: '2026-0308' },
    { name: 'a time mixing colons and none', v: '2026-03-08T13:3000' },
    { name: 'a fraction with no digits', v: '2026-03-08T13:30:00.' },
    { name: 'a six-digit year', v: '+02026-03-08' },
  ];
  it.each(rejected)('gives undefined for $name', ({ v }) => {
    expect(render({ v })).toBe('soon');
  });

  it('reads a long string to its end, as Python does: a 1 MB fraction, 1 MB of digits, 1 MB of junk', () => {
    expect(full(`2026-03-08T13:30:00.${'7'.repeat(1 << 20)}Z`)).toBe('2026-03-08 13:30:00.777777 +0000');
    // Week 11, day 1, any separator, then 11:11:11 and a fraction.
    expect(full(`2026W${'1'.repeat(1 << 20)}`)).toBe('2026-03-09 11:11:11.111111 +0000');
    expect(render({ v: `2026-03-08T${'1:'.repeat(1 << 19)}` })).toBe('soon');
  });
});

describe('datetime: lenient on bad data (undefined, takes | default)', () => {
  const values = [
    { name: 'a missing value', vars: {} },
    { name: 'null', vars: { v: null } },
    { name: 'an empty string', vars: { v: '' } },
    { name: 'text', vars: { v: 'next Tuesday' } },
    { name: 'a day that does not exist', vars: { v: '2026-02-29' } },
    { name: 'hour 24', vars: { v: '2026-03-08T24:00:00' } },
    { name: 'NaN', vars: { v: Number.NaN } },
    { name: 'Infinity', vars: { v: Number.POSITIVE_INFINITY } },
    { name: 'epoch seconds past year 9999', vars: { v: 1e12 } },
    { name: 'an invalid Date', vars: { v: new Date(Number.NaN) } },
    { name: 'a boolean', vars: { v: true } },
    { name: 'a list', vars: { v: [2026, 3, 8] } },
    { name: 'an object', vars: { v: { year: 2026 } } },
    { name: 'an unknown zone', vars: { v: 0, z: 'Mars/Olympus_Mons' } },
    { name: 'a zone in the wrong case', vars: { v: 0, z: 'utc' } },
    { name: 'an offset instead of a zone', vars: { v: 0, z: '+05:30' } },
    { name: 'a zone that is not text', vars: { v: 0, z: 5 } },
    { name: 'an unknown render timezone variable', vars: { v: 0, timezone: 'Nowhere/Town' } },
    { name: 'a format that is not text', vars: { v: 0, f: 12 } },
    { name: 'a format over 256 characters', vars: { v: 0, f: '%Y'.repeat(129) } },
    { name: 'a field wider than 64', vars: { v: 0, f: '%65Y' } },
  ];
  it.each(values)('gives undefined for $name', ({ vars }) => {
    expect(render(vars)).toBe('soon');
  });

  it('never throws, whatever the value, format and zone', () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.date({ noInvalidDate: false }), fc.constant(null), fc.boolean(), fc.array(fc.integer()));
    fc.assert(
      fc.property(value, fc.string({ maxLength: 40 }), fc.oneof(fc.constant(null), fc.string(), fc.constantFrom('Asia/Kolkata', 'UTC')), (v, f, z) => {
        expect(typeof render({ v, f, z })).toBe('string');
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('datetime: bounded work', () => {
  // A loop over a list from the variables: each iteration and each filter call is a unit.
  const loop = compileTemplate('{% for i in items %}{{ 0 | datetime }}{% endfor %}', { limits: { maxIterations: 100 } });
  const items = (n: number) => ({ items: Array.from({ length: n }, (_, i) => i) });
  it('charges each call to the render budget: under and at the limit render, over it fails', () => {
    expect(loop.render(items(40))).toHaveLength(40 * 16);
    expect(loop.render(items(50))).toHaveLength(50 * 16);
    let error: unknown;
    try {
      loop.render(items(51));
    } catch (e) {
      error = e;
    }
    expect(isTemplateError(error) && error.message).toMatch(/loop budget/);
  });

  it('charges long formats more than short ones', () => {
    const long = '%Y'.repeat(120);
    const source = `{% for i in range(20) %}{{ 0 | datetime(f) }}{% endfor %}`;
    expect(() => compileTemplate(source, { limits: { maxIterations: 100 } }).render({ f: '%Y' })).not.toThrow();
    expect(() => compileTemplate(source, { limits: { maxIterations: 100 } }).render({ f: long })).toThrow(/loop budget/);
  });
});
