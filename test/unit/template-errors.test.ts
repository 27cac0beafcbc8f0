import { describe, expect, it } from 'vitest';
import { TemplateError, isTemplateError } from '../../src/errors.js';
import { renderTemplate } from '../../src/template/index.js';
import { toTemplateError } from '../../src/template/compiler/index.js';

function thrownBy(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (isTemplateError(error)) return error;
    throw new Error(`expected a TemplateError, got ${String(error)}`);
  }
  throw new Error('expected a TemplateError, nothing was thrown');
}

const syntaxErrors = [
  { name: 'a nesting mistake', template: 'a\nb\n{% if x %}{% endfor %}', line: 3, column: 14, reason: "Unexpected 'endfor': the innermost open block is 'if' (line 3, column 4), expecting 'elif' or 'else' or 'endif'" },
  { name: 'an end tag with no open block', template: 'x\n {%- endif %}', line: 2, column: 6, reason: "Unexpected 'endif': no block is open" },
  { name: 'an unclosed block after CRLF lines', template: 'a\r\n{% if x %}\r\nb', line: 2, column: 4, reason: "Unexpected end of template: 'if' is never closed (expected 'elif' or 'else' or 'endif')" },
  { name: 'an unclosed comment', template: 'a\nb {# note\n', line: 2, column: 3, reason: 'Missing end of comment tag' },
  { name: 'an unclosed autoescape', template: '{% autoescape true %}{{ x }}', line: 1, column: 4, reason: "Unexpected end of template: 'autoescape' is never closed (expected 'endautoescape')" },
  { name: 'an unknown tag', template: '{% for i in x %}\n  {% break %}\n{% endfor %}', line: 2, column: 6, reason: "Unsupported tag 'break'" },
  { name: 'include', template: "{% include 'x' %}", line: 1, column: 4, reason: "Unsupported tag 'include'" },
  { name: 'an unclosed block', template: 'Hi\n  {% for o in orders %}{{ o }}', line: 2, column: 6, reason: "Unexpected end of template: 'for' is never closed (expected 'endfor' or 'else')" },
  { name: 'a missing operand', template: '{{ 1 + }}', line: 1, column: 8, reason: "Unexpected token '}}'" },
  { name: 'an unterminated string', template: "{{ 'abc }}", line: 1, column: 4, reason: 'Unexpected end of string' },
  { name: 'an unknown filter outside if', template: '\n{{ x | nosuch }}', line: 2, column: 8, reason: "No filter named 'nosuch'" },
  { name: 'an octal-like literal', template: '{{ 007 }}', line: 1, column: 6, reason: "Unexpected token '7'" },
  { name: 'an error after CRLF lines', template: 'a\r\nb\r\n{{ ) }}', line: 3, column: 4, reason: "Unexpected token ')'" },
];

describe('syntax errors carry 1-based line and column', () => {
  it.each(syntaxErrors)('reports $name', ({ template, line, column, reason }) => {
    const error = thrownBy(() => renderTemplate(template, {}));
    expect({ line: error.line, column: error.column, reason: error.reason }).toEqual({ line, column, reason });
    expect(error.message).toBe(`${reason}, line ${line}, column ${column}`);
    expect(error.excerpt).toContain('^');
  });
});

describe('a template that does not compile', () => {
  it('is parsed once: rendering it again throws the cached error', () => {
    const source = `Hi {{ name }\n{% if x %}${Math.random()}`;
    const first = thrownBy(() => renderTemplate(source, {}));
    const second = thrownBy(() => renderTemplate(source, { name: 'Ada' }));
    expect(second).toBe(first);
    expect([second.line, second.column]).toEqual([first.line, first.column]);
  });
});

const runtimeErrors = [
  { name: 'a type error between defined values', template: "Order\n{{ 'Order ' + 5 }}", line: 2, column: 4 },
  { name: 'division by zero', template: '{{ 1 }}{{ 1 // 0 }}', line: 1, column: 11 },
  { name: 'calling a non-callable', template: '{{ n() }}', line: 1, column: 5, vars: { n: 5 } },
  { name: 'too many macro arguments', template: '{% macro m(a) %}{% endmacro %}\n{{ m(1, 2) }}', line: 2, column: 5 },
  { name: 'an unknown filter reached in an if', template: '{% if true %}{{ 1 | nosuch }}{% endif %}', line: 1, column: 21 },
];

describe('runtime errors carry the position of the failing node', () => {
  it.each(runtimeErrors)('reports $name', ({ template, line, column, vars }) => {
    const error = thrownBy(() => renderTemplate(template, vars ?? {}));
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.message).not.toMatch(/at .*\.(js|ts):|\bK\[|\bP=|function/);
  });
});

describe('a JavaScript fault inside a render becomes a TemplateError that names its cause', () => {
  const faults = [
    { name: 'a stack overflow', error: new RangeError('Maximum call stack size exceeded'), reason: 'Template recursion is too deep', kind: 'limit' },
    { name: "V8's string bound", error: new RangeError('Invalid string length'), reason: 'Template built a value too large', kind: 'limit' },
    { name: "V8's array bound", error: new RangeError('Invalid array length'), reason: 'Template built a value too large', kind: 'limit' },
    { name: 'anything else', error: new Error('boom at internal/x.js'), reason: 'Template failed to render', kind: 'render' },
  ];
  it.each(faults)('$name', ({ error, reason, kind }) => {
    const converted = toTemplateError(error, { line: 1, column: 4 }, '{{ x }}');
    expect({ reason: converted.reason, kind: converted.kind, line: converted.line }).toEqual({ reason, kind, line: 1 });
    expect(converted.message).not.toContain('internal/');
  });
});
