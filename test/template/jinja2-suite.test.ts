/**
 * Jinja2's own test suite as a differential test. jinja2-suite/cases.json holds every
 * template + variables that Jinja2 3.1.6's tests render with a default-like Environment
 * (recorded by jinja2-suite/record_renders.py, a pytest plugin; regenerate with
 * `sh test/template/jinja2-suite/build.sh`), rendered by oracle.py in the lenient dialect.
 * renderTemplate must agree with each, except the cases in allowed-differences.json, each
 * with its reason; an allowed case that agrees again must leave that list. The README states
 * the agreement figure, and this test keeps it true.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { renderTemplate } from '../../src/template/index.js';
import { TEMPLATE_TEST_DIR, type OracleCase } from './oracle-runner.js';

const dir = join(TEMPLATE_TEST_DIR, 'jinja2-suite');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as (OracleCase & { test: string })[];
const allowedList = JSON.parse(readFileSync(join(dir, 'allowed-differences.json'), 'utf8')) as { id: string; reason: string; nondeterministic?: boolean }[];
const allowed = new Map(allowedList.map((a) => [a.id, a.reason]));
/** Cases whose output is random in both engines (`| random`): they only have to render. */
const random = new Set(allowedList.filter((a) => a.nondeterministic).map((a) => a.id));

/** Whether the library does what Jinja2 (lenient) did: the same text, or a TemplateError. */
function agrees(c: OracleCase): { ok: boolean; detail: string } {
  let output: string;
  try {
    output = renderTemplate(c.template, c.vars);
  } catch (error) {
    if (c.error && isTemplateError(error)) return { ok: true, detail: '' };
    return { ok: false, detail: `threw ${String(error)}; Jinja2 ${c.error ? `raised ${c.error_type}` : `rendered ${JSON.stringify(c.expected)}`}` };
  }
  if (c.error) return { ok: false, detail: `rendered ${JSON.stringify(output)}; Jinja2 raised ${c.error_type}` };
  return { ok: output === c.expected, detail: `rendered ${JSON.stringify(output)}; Jinja2 rendered ${JSON.stringify(c.expected)}` };
}

describe("Jinja2 3.1.6's own test suite (in-scope renders)", () => {
  it('has the recorded renders, and every allowed difference names one of them with a reason', () => {
    expect(cases.length).toBeGreaterThan(300);
    const ids = new Set(cases.map((c) => c.id));
    for (const [id, reason] of allowed) {
      expect(ids.has(id), `allowed-differences.json: no case ${id}`).toBe(true);
      expect(reason.length, id).toBeGreaterThan(20);
    }
  });

  it.each(cases.filter((c) => !allowed.has(c.id)).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { ok, detail } = agrees(c);
    expect(ok, `${c.template}\n${detail}`).toBe(true);
  });

  it.each(cases.filter((c) => allowed.has(c.id) && !random.has(c.id)).map((c) => [c.id, c] as const))('still differs (allowed): %s', (_id, c) => {
    expect(agrees(c).ok, `agrees now: remove it from allowed-differences.json`).toBe(false);
  });

  it.each(cases.filter((c) => random.has(c.id)).map((c) => [c.id, c] as const))('renders (random output): %s', (_id, c) => {
    expect(renderTemplate(c.template, c.vars)).toMatch(/^\S+$/);
  });

  it('states its agreement figure in the README', () => {
    const agreeing = cases.length - allowed.size;
    const percent = ((100 * agreeing) / cases.length).toFixed(1);
    const readme = readFileSync(join(TEMPLATE_TEST_DIR, '../../README.md'), 'utf8');
    expect(readme).toContain(`${agreeing} of ${cases.length} in-scope renders (${percent}%)`);
  });
});
