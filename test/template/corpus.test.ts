/**
 * Differential corpus: renderTemplate must print exactly what Jinja2 (oracle.py,
 * lenient dialect) printed for each case in corpus.json and examples.json, and
 * throw TemplateError where Jinja2 raised. deliberate-differences.json holds the
 * few cases where the library deliberately departs from Jinja2, with its own
 * expectation and the reason. Regenerate corpus.json with build-corpus.sh.
 *
 * Each run writes a summary of failures grouped by tag to /tmp/corpus-failures.txt
 * (override with CORPUS_FAILURES_FILE).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { TEMPLATE_TEST_DIR, type OracleCase } from './oracle-runner.js';

type CorpusCase = OracleCase & { reason?: string };

// Imported dynamically so that a module that does not load yet still yields a summary for the other engineers.
let renderTemplate: (source: string, variables: Record<string, unknown>) => string = () => {
  throw importError;
};
let importError: unknown;
try {
  ({ renderTemplate } = await import('../../src/template/index.js'));
} catch (error) {
  importError = new Error(`src/template/index.ts did not load: ${String(error)}`);
}

function load(name: string): CorpusCase[] {
  return JSON.parse(readFileSync(join(TEMPLATE_TEST_DIR, name), 'utf8')) as CorpusCase[];
}

const files = { 'corpus.json': load('corpus.json'), 'examples.json': load('examples.json'), 'deliberate-differences.json': load('deliberate-differences.json') };
const failures: { file: string; c: CorpusCase; detail: string }[] = [];
let ran = 0;

function render(c: CorpusCase): { output?: string; thrown?: unknown } {
  try {
    return { output: renderTemplate(c.template, c.vars) };
  } catch (thrown) {
    return { thrown: thrown ?? new Error('threw undefined') };
  }
}

function describeFailure(c: CorpusCase, output: string | undefined, thrown: unknown): string | null {
  if (c.error) {
    if (thrown === undefined) return `rendered ${JSON.stringify(output)}; expected a TemplateError (Jinja2: ${c.error_type})`;
    if (!isTemplateError(thrown)) return `threw a non-TemplateError: ${String(thrown)}`;
    if (c.error_type === 'TemplateSyntaxError' && !(thrown.line >= 1 && thrown.column >= 1)) return `syntax error without position: ${thrown.message}`;
    return null;
  }
  if (thrown !== undefined) return `threw ${String(thrown)}; expected ${JSON.stringify(c.expected)}`;
  return output === c.expected ? null : `rendered ${JSON.stringify(output)}; expected ${JSON.stringify(c.expected)}`;
}

for (const [file, cases] of Object.entries(files)) {
  describe(file, () => {
    it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      ran += 1;
      const { output, thrown } = render(c);
      const failure = describeFailure(c, output, thrown);
      if (failure !== null) failures.push({ file, c, detail: failure });
      if (c.error) {
        expect(isTemplateError(thrown), `expected a TemplateError (Jinja2 raised ${c.error_type}), got ${thrown === undefined ? JSON.stringify(output) : String(thrown)}`).toBe(true);
        if (c.error_type === 'TemplateSyntaxError' && isTemplateError(thrown)) {
          expect(thrown.line, 'a syntax error carries its line').toBeGreaterThanOrEqual(1);
          expect(thrown.column, 'a syntax error carries its column').toBeGreaterThanOrEqual(1);
        }
      } else {
        if (thrown !== undefined) throw thrown;
        expect(output).toBe(c.expected);
      }
    });
  });
}

/** One line of plain text: no ANSI colours (bundler errors carry them), no newlines. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ');
}

afterAll(() => {
  const byTag = new Map<string, number>();
  const totalByTag = new Map<string, number>();
  for (const cases of Object.values(files)) for (const c of cases) for (const t of c.tags ?? ['untagged']) totalByTag.set(t, (totalByTag.get(t) ?? 0) + 1);
  for (const { c } of failures) for (const t of c.tags ?? ['untagged']) byTag.set(t, (byTag.get(t) ?? 0) + 1);
  const total = Object.values(files).reduce((n, cases) => n + cases.length, 0);
  const lines = [
    `# corpus failures ${new Date().toISOString()}: ${failures.length} failing of ${ran} run (${total} cases)`,
    ...(importError === undefined ? [] : [`# ${oneLine(String(importError)).slice(0, 600)}`]),
    '# tag failing/total',
    ...[...totalByTag.keys()].sort().map((t) => `tag ${t} ${byTag.get(t) ?? 0}/${totalByTag.get(t)}`),
    '# file<TAB>id<TAB>tags<TAB>detail',
    ...(importError === undefined ? failures.map(({ file, c, detail }) => `${file}\t${c.id}\t${(c.tags ?? []).join(',')}\t${oneLine(detail).slice(0, 300)}`) : []),
  ];
  try {
    writeFileSync(process.env.CORPUS_FAILURES_FILE ?? '/tmp/corpus-failures.txt', `${lines.join('\n')}\n`);
  } catch {
    // the summary is a convenience for other engineers; never fail the suite over it
  }
});
