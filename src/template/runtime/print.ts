import { Markup, PY_REPR, PyFloat, iteratorType, TemplateObject, isCallable, isTuple, CALLABLE, DICT_VIEW } from './types.js';
import { isDict } from './values.js';
import { currentBudget } from '../limits.js';

/** Python's repr() of a float: shortest round-trip digits, exponent outside 1e-4..1e16. */
export function formatFloat(n: number): string {
  if (n !== n) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = n < 0 ? -n : n;
  if (abs >= 1e-4 && abs < 1e16) {
    // Both print the shortest round-trip digits, and JS uses no exponent in this range.
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const exp = n.toExponential();
  const e = exp.indexOf('e');
  const power = Number(exp.slice(e + 1));
  if (power < -4 || power >= 16) {
    const mantissa = exp.slice(0, e);
    const sign = power < 0 ? '-' : '+';
    const abs = Math.abs(power);
    return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  const s = String(n);
  // String() goes exponential below 1e-6; the exponent test above already caught those.
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's str() of an int held in a JS number (large ones without exponent). */
export function formatInt(n: number): string {
  // Above 2^53 the shortest round-trip decimal (1152921504606847000) is not what Python
  // prints; the exact value of the double is, whenever the int was representable.
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** What a number prints as, int or float by the value model. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && !Object.is(n, -0) ? formatInt(n) : formatFloat(n);
}

/** Python str() under the lenient rules: null and undefined are ''. */
export function pyStr(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return formatNumber(v);
    case 'boolean': return v ? 'True' : 'False';
    case 'undefined': return '';
  }
  if (v === null) return '';
  if (v instanceof Markup) return v.text;
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (v instanceof TemplateObject) return v.toPyString();
  return pyRepr(v);
}

/** What `{{ v }}` prints (finalize: None and undefined print nothing). */
export function outputValue(v: unknown): string {
  return typeof v === 'string' ? v : pyStr(v);
}

/** Containers being printed, to cut self-references. */
const printing = new Set<object>();

/** Python's repr(): strings quoted, None inside containers, floats as Python writes them. */
export function pyRepr(v: unknown): string {
  switch (typeof v) {
    case 'string': return reprString(v);
    case 'number': return formatNumber(v);
    case 'boolean': return v ? 'True' : 'False';
    case 'undefined': return 'Undefined';
    case 'function': return (v as unknown as Record<symbol, string | undefined>)[PY_REPR] ?? (isCallable(v) ? `<function ${v[CALLABLE]}>` : '<function>');
  }
  if (v === null) return 'None';
  if (v instanceof Markup) return `Markup(${reprString(v.text)})`;
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (v instanceof TemplateObject) return v.toPyString();
  if (Array.isArray(v)) {
    const iter = iteratorType(v);
    if (iter !== undefined) return `<${iter} object>`;
    // A list that contains itself (x.append(x)) prints as [...], as in Python.
    if (printing.has(v)) return isTuple(v) ? '(...)' : '[...]';
    startContainer();
    printing.add(v);
    let parts: string[];
    try {
      parts = v.map(reprCounted);
    } finally {
      printing.delete(v);
    }
    if (isTuple(v)) return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    const view = (v as unknown as Record<symbol, string | undefined>)[DICT_VIEW];
    if (view === undefined) return `[${parts.join(', ')}]`;
    // range() results carry their whole repr ("range(0, 3)"); dict views a prefix.
    return view.startsWith('range(') ? view : `${view}([${parts.join(', ')}])`;
  }
  if (isDict(v)) {
    if (printing.has(v)) return '{...}';
    startContainer();
    printing.add(v);
    const parts: string[] = [];
    try {
      for (const k of Object.keys(v)) {
        const key = reprString(k);
        currentBudget().chargePrinted(key.length + (parts.length > 0 ? 4 : 2));
        parts.push(`${key}: ${reprCounted(v[k], 0)}`);
      }
    } finally {
      printing.delete(v);
    }
    return `{${parts.join(', ')}}`;
  }
  return String(v);
}

/*
 * Shared structure (`[x, x]` doubled in a loop) is tiny in memory but exponential as text:
 * count the characters as they are produced and stop at the output bound (F3).
 */
function startContainer(): void {
  const budget = currentBudget();
  if (printing.size === 0) budget.printed = 0;
  budget.chargePrinted(2);
}

/** An item's repr, counted with its ", " separator (containers count themselves). */
function reprCounted(x: unknown, index: number): string {
  const s = pyRepr(x);
  if (!Array.isArray(x) && !isDict(x)) currentBudget().chargePrinted(index > 0 ? s.length + 2 : s.length);
  return s;
}

// Python's str.isprintable() is false for categories C* and Z* except the space.
const NEEDS_ESCAPE = /[\\\p{C}\p{Z}'"]/u;
const UNPRINTABLE = /[\p{C}\p{Z}]/u;

/** repr() of a str: single quotes unless the text has ' and no ". */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE.test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && UNPRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}
