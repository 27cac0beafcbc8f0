import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/index.js';
import { ZONES, generateCases, type DatetimeCase } from './datetime-cases.js';
import { generateIsoStrings } from './iso-format-cases.js';
import { TEMPLATE_TEST_DIR } from './oracle-runner.js';

const SEED = 20_260_308;
const CASE_COUNT = 1500;
const PARSING_SEED = 8601;
const PARSING_COUNT = 800;
/** Every field the string can set, after conversion to the zone. */
const PARSING_FORMAT = '%Y-%m-%dT%H:%M:%S.%f%z %a';
const TEMPLATE = "{% set r = v | datetime(f, z) %}{{ 'undefined' if r is undefined else 'text:' ~ r }}";

/** All cases through one Python process; null where Python raises. */
function runPython(cases: DatetimeCase[]): (string | null)[] {
  const result = spawnSync('python3', [join(TEMPLATE_TEST_DIR, 'datetime-oracle.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`datetime-oracle.py failed (${result.status}): ${result.stderr || result.error}`);
  return JSON.parse(result.stdout) as (string | null)[];
}

function renderCase(c: DatetimeCase): string {
  const v = c.kind === 'ms' ? new Date(c.value as number) : c.value;
  return renderTemplate(TEMPLATE, { v, f: c.format, z: c.zone });
}

describe('datetime filter against Python (differential)', () => {
  const cases = generateCases(SEED, CASE_COUNT);
  const expected = runPython(cases);

  it(`renders ${CASE_COUNT} generated cases (seed ${SEED}) byte for byte as Python's astimezone().strftime()`, () => {
    const mismatches = cases
      .map((c, i) => ({ case: c, python: expected[i] === null ? 'undefined' : `text:${expected[i]}`, ours: renderCase(c) }))
      .filter((m) => m.python !== m.ours);
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('covers every zone, every kind of value, and values Python refuses', () => {
    expect(new Set(cases.map((c) => c.zone)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['iso', 'epoch', 'ms']));
    expect(expected.filter((e) => e === null).length).toBe(0);
  });
});

describe('datetime string parsing against Python 3.11 fromisoformat (differential)', () => {
  const cases: DatetimeCase[] = generateIsoStrings(PARSING_SEED, PARSING_COUNT).map((value, i) => ({ kind: 'iso', value, zone: ZONES[i % ZONES.length], format: PARSING_FORMAT }));
  const expected = runPython(cases);

  it(`reads ${PARSING_COUNT} generated strings (seed ${PARSING_SEED}) as Python does, and gives undefined for those Python rejects`, () => {
    const mismatches = cases
      .map((c, i) => ({ case: c, python: expected[i] === null ? 'undefined' : `text:${expected[i]}`, ours: renderCase(c) }))
      .filter((m) => m.python !== m.ours);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('generates both strings Python reads and strings it rejects, in basic, extended and week forms', () => {
    const rejected = expected.filter((e) => e === null).length;
    expect(rejected).toBeGreaterThanOrEqual(PARSING_COUNT / 5);
    expect(PARSING_COUNT - rejected).toBeGreaterThanOrEqual(PARSING_COUNT / 3);
    const accepted = cases.filter((_, i) => expected[i] !== null).map((c) => String(c.value));
    for (const form of [/^\d{8}T\d{6}/, /^\d{4}-\d{2}-\d{2}T\d{2}$/, /^\d{4}-?W\d{2}/, /,\d/, /[+-]\d{2}$/, /[+-]\d{2}:\d{2}:\d{2}/]) {
      expect(accepted.some((v) => form.test(v)), String(form)).toBe(true);
    }
  });
});
