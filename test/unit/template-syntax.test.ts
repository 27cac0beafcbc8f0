import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { compileTemplate, renderTemplate } from '../../src/template/index.js';

/** Syntax, scoping and whitespace cases; `expected`/`error` come from jinja-oracle/oracle.py. */
interface OracleCase {
  id: string;
  template: string;
  vars: Record<string, unknown>;
  expected?: string;
  error?: boolean;
  error_type?: string;
}

const cases = JSON.parse(readFileSync(new URL('./template-syntax.cases.json', import.meta.url), 'utf8')) as OracleCase[];

describe('renderTemplate matches Jinja2 (oracle) on syntax, scoping and whitespace', () => {
  it.each(cases.filter((c) => !c.error))('renders $id', ({ template, vars, expected }) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });

  it.each(cases.filter((c) => c.error))('throws TemplateError for $id', ({ template, vars }) => {
    let thrown: unknown;
    try {
      renderTemplate(template, vars);
    } catch (error) {
      thrown = error;
    }
    expect(isTemplateError(thrown)).toBe(true);
  });
});

describe('compileTemplate', () => {
  it('returns the cached compiled template for the same source', () => {
    expect(compileTemplate('Hi {{ n }}')).toBe(compileTemplate('Hi {{ n }}'));
  });

  it('renders one compiled template many times with different data', () => {
    const t = compileTemplate('{% for o in orders %}{{ o }}{% endfor %}');
    expect(t.render({ orders: [1, 2] })).toBe('12');
    expect(t.render({ orders: ['a'] })).toBe('a');
    expect(t.render({})).toBe('');
  });

  it('keeps a value from the data as data, never as template source', () => {
    expect(renderTemplate('{{ name }}', { name: '{{ 7*7 }}' })).toBe('{{ 7*7 }}');
  });

  it('does not change nunjucks for its other users', async () => {
    const nunjucks = (await import('nunjucks')).default;
    renderTemplate('{{ x is none }}', { x: null });
    expect(nunjucks.renderString('{{ "a" + "b" }}{{ null }}', {})).toBe('ab');
  });
});
