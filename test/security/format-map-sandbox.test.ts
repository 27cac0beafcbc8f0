import { describe, expect, it } from 'vitest';
import { isTemplateError } from '../../src/errors.js';
import { renderTemplate } from '../../src/template/index.js';

function outcome(template: string, vars: Record<string, unknown> = {}): string {
  try {
    return renderTemplate(template, vars);
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return `TemplateError: ${error.reason}`;
  }
}

// format_map looks names up with the template's own sandboxed access (issue 8): before,
// it read any own property of any object, functions and runtime objects included.
describe('format_map reads only what a template could read', () => {
  it.each([
    { name: 'prototype of a global function', template: "{{ '{prototype}'.format_map(range) }}", expected: "TemplateError: access to attribute 'prototype' is not allowed" },
    { name: 'name of a global function', template: "{{ '{name}'.format_map(range) }}", expected: '' },
    { name: 'length of a global function', template: "{{ '{length}'.format_map(dict) }}", expected: '' },
    { name: 'the internal attrs of a namespace', template: "{% set ns = namespace(a=1) %}{{ '{attrs}'.format_map(ns) }}", expected: '' },
    { name: 'the position field of a cycler', template: "{% set c = cycler(1, 2) %}{{ '{_pos}'.format_map(c) }}", expected: '' },
    { name: 'the private items of a loop', template: "{% for i in [1] %}{{ '{items}'.format_map(loop) }}{% endfor %}", expected: '' },
    { name: 'the recursion hook of a loop', template: "{% for i in [1] %}{{ '{recurse}'.format_map(loop) }}{% endfor %}", expected: '' },
    { name: 'constructor of a dict', template: "{{ '{constructor}'.format_map({'a': 1}) }}", expected: "TemplateError: access to attribute 'constructor' is not allowed" },
    { name: 'a dict method, which is not a key', template: "{{ '{items}'.format_map({'a': 1}) }}", expected: '' },
    { name: '__class__ after a dot', template: "{{ '{a.__class__}'.format_map({'a': 1}) }}", expected: "TemplateError: access to attribute '__class__' is not allowed" },
    { name: 'constructor in brackets', template: "{{ '{a[constructor]}'.format_map({'a': {}}) }}", expected: "TemplateError: access to attribute 'constructor' is not allowed" },
    { name: 'prototype through Markup', template: "{{ ('{prototype}' | safe).format_map(range) }}", expected: "TemplateError: access to attribute 'prototype' is not allowed" },
  ])('refuses $name', ({ template, expected }) => {
    expect(outcome(template)).toBe(expected);
  });

  it.each([
    { name: 'a dict key', template: "{{ '{a}-{b}'.format_map({'a': 1, 'b': 'x'}) }}", expected: '1-x' },
    { name: 'response data', template: "{{ 'Hi {first_name}'.format_map(customer) }}", expected: 'Hi Ada' },
    { name: 'a namespace attribute', template: "{% set ns = namespace(a=1) %}{{ '{a}'.format_map(ns) }}", expected: '1' },
    { name: 'a cycler attribute', template: "{% set c = cycler(1, 2) %}{{ '{current}'.format_map(c) }}", expected: '1' },
    { name: 'a loop attribute', template: "{% for i in 'ab' %}{{ '{index}/{length}'.format_map(loop) }} {% endfor %}", expected: '1/2 2/2 ' },
    { name: 'nested access', template: "{{ '{c[first_name]} {c[tier]}'.format_map({'c': customer}) }}", expected: 'Ada VIP' },
    { name: 'Markup', template: "{{ ('<b>{a}</b>' | safe).format_map({'a': '<i>'}) }}", expected: '<b>&lt;i&gt;</b>' },
  ])('still formats $name', ({ template, expected }) => {
    expect(outcome(template, { customer: { first_name: 'Ada', tier: 'VIP' } })).toBe(expected);
  });
});

describe("dict.copy() of a dict with a '__proto__' key", () => {
  it('keeps the key a key and sets no prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    const template = "{% set ns = namespace(x=1) %}{% set d = {'__proto__': ns}.copy() %}[{{ d.x }}][{{ d | length }}][{{ d.keys() | list }}]";
    expect(outcome(template)).toBe("[][1][['__proto__']]");
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
  });
});
