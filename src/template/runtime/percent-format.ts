import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { isTuple } from './types.js';
import { formatInt, pyRepr, pyStr } from './print.js';
import { isDict, isFloat, isNumeric, toNum, typeName, strLength } from './values.js';
import { toExponentialPy, toFixedPy, toGeneralPy } from './number-format.js';
import { codePointChar } from './text.js';

/** One `%[(key)][flags][width][.precision]type` directive, read from just after its `%`. */
interface Directive {
  key: string | undefined;
  flags: string;
  width: string | undefined;
  precision: string | undefined;
  type: string;
  /** Index just after the directive. */
  end: number;
}

const DIGITS = '0123456789';

/** Index of the first character at or after `i` that is not in `set`. */
function span(format: string, i: number, set: string): number {
  while (i < format.length && set.includes(format[i])) i++;
  return i;
}

/**
 * CPython's directive grammar, read by hand: each character is looked at once. The
 * regex it replaces rescanned to the end for every unclosed `%(`, so `'%(' * 131072`
 * took 18-30 s (issue 8). A key ends at its matching `)`, as in CPython.
 */
function readDirective(format: string, i: number): Directive {
  let key: string | undefined;
  if (format[i] === '(') {
    let depth = 1;
    let j = i + 1;
    for (; j < format.length && depth > 0; j++) {
      if (format[j] === ')') depth--;
      else if (format[j] === '(') depth++;
    }
    if (depth > 0) throw new TemplateError('incomplete format key');
    key = format.slice(i + 1, j - 1);
    i = j;
  }
  const flagsEnd = span(format, i, '-+ #0');
  const flags = format.slice(i, flagsEnd);
  i = flagsEnd;
  let width: string | undefined;
  if (format[i] === '*') width = format[i++];
  else {
    const digitsEnd = span(format, i, DIGITS);
    if (digitsEnd > i) width = format.slice(i, digitsEnd);
    i = digitsEnd;
  }
  let precision: string | undefined;
  if (format[i] === '.') {
    const from = ++i;
    if (format[i] === '*') precision = format[i++];
    else precision = format.slice(from, (i = span(format, i, DIGITS)));
  }
  if (format[i] === 'h' || format[i] === 'l' || format[i] === 'L') i++;
  const type = format[i] ?? '';
  return { key, flags, width, precision, type, end: Math.min(format.length, i + 1) };
}

/**
 * Python's `format % args` (printf-style), lenient: None and undefined print as '' (a numeric
 * placeholder without its width), and a key the mapping lacks is undefined.
 * `escape` (Markup % args) applies to what %s/%r/%a produce, as markupsafe's helper does.
 */
export function percentFormat(format: string, args: unknown, escape?: (s: string) => string): string {
  const list: readonly unknown[] = isTuple(args) ? args : [args];
  const mapping = isDict(args) ? args : undefined;
  // CPython treats any non-tuple, non-str argument with __getitem__ as a mapping: then
  // unused arguments are no error. Lists qualify, and so do Jinja2's Undefined and null.
  const mappingLike = mapping !== undefined || (Array.isArray(args) && !isTuple(args)) || args === undefined || args === null;
  let index = 0;
  let usedMapping = false;
  const next = (): unknown => {
    if (index >= list.length) throw new TemplateError('not enough arguments for format string');
    return list[index++];
  };
  // The result is counted as it is built, and refused before it grows past the bound.
  const budget = currentBudget();
  budget.charge((format.length / 16) | 0);
  let out = '';
  let last = 0;
  for (let at = format.indexOf('%'); at >= 0; at = format.indexOf('%', last)) {
    const { key, flags, width: w, precision: p, type, end } = readDirective(format, at + 1);
    out += format.slice(last, at);
    last = end;
    if (type === '%' && key === undefined && !flags && w === undefined && p === undefined) {
      out += '%';
      continue;
    }
    let value: unknown;
    const width = w === '*' ? Number(next()) : w === undefined ? 0 : Number(w);
    const precision = p === '*' ? Number(next()) : p === undefined ? -1 : Number(p || '0');
    budget.checkLength(width);
    if (key !== undefined) {
      if (!mappingLike) throw new TemplateError('format requires a mapping');
      usedMapping = true;
      // A key the mapping lacks formats as undefined (lenient): '%(last)s' % customer.
      if (mapping) value = Object.hasOwn(mapping, key) ? mapping[key] : undefined;
      else if (Array.isArray(args)) throw new TemplateError('list indices must be integers or slices, not str');
      else value = undefined;
    } else if (type === '%') {
      value = undefined;
    } else {
      value = next();
    }
    const cv = convert(type, value, flags, width, precision);
    const rv = escape !== undefined && (type === 's' || type === 'r' || type === 'a') ? escape(cv) : cv;
    budget.checkLength(out.length + rv.length);
    budget.charge(1 + ((rv.length / 16) | 0));
    out += rv;
  }
  out += format.slice(last);
  if (index < list.length && !usedMapping && !mappingLike) {
    throw new TemplateError('not all arguments converted during string formatting');
  }
  return out;
}

function convert(type: string, v: unknown, flags: string, width: number, precision: number): string {
  let sign = '';
  let body: string;
  const numericType = 'diuoxXeEfFgGc'.includes(type) && type !== '';
  // A number that is not there prints as empty text, width included: never a made-up zero.
  if (numericType && (v === undefined || v === null)) return '';
  switch (type) {
    case 's': body = pyStr(v); if (precision >= 0) body = Array.from(body).slice(0, precision).join(''); break;
    case 'r': case 'a': body = v === null ? 'None' : pyRepr(v); if (precision >= 0) body = Array.from(body).slice(0, precision).join(''); break;
    case '%': body = '%'; break;
    case 'c':
      if (typeof v === 'string' && strLength(v) === 1) body = v;
      else if (typeof v === 'number' && Number.isInteger(v)) body = codePointChar(v);
      else throw new TemplateError('%c requires int or char');
      break;
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
      if (!isNumeric(v)) throw new TemplateError(`%${type} format: ${type === 'd' || type === 'i' || type === 'u' ? 'a real number' : 'an integer'} is required, not ${typeName(v)}`);
      if (isFloat(v) && !'diu'.includes(type)) throw new TemplateError(`%${type} format: an integer is required, not float`);
      const n = Math.trunc(toNum(v));
      if (!Number.isFinite(n)) throw new TemplateError('cannot convert float infinity to integer');
      sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const abs = Math.abs(n);
      body = type === 'o' ? abs.toString(8) : type === 'x' ? abs.toString(16) : type === 'X' ? abs.toString(16).toUpperCase() : formatInt(abs);
      if (precision > 0 && body.length < precision) body = body.padStart(precision, '0');
      if (flags.includes('#') && type !== 'd' && type !== 'i' && type !== 'u') body = (type === 'o' ? '0o' : type === 'x' ? '0x' : '0X') + body;
      break;
    }
    default: {
      if (!'eEfFgG'.includes(type) || type === '') {
        throw new TemplateError(`unsupported format character '${type}' (0x${(type.codePointAt(0) ?? 0).toString(16)})`);
      }
      if (!isNumeric(v)) throw new TemplateError(`must be real number, not ${typeName(v)}`);
      const x = toNum(v);
      const prec = precision < 0 ? 6 : precision;
      sign = x < 0 || Object.is(x, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const abs = Math.abs(x);
      const lower = type.toLowerCase();
      body = lower === 'f' ? toFixedPy(abs, prec) : lower === 'e' ? toExponentialPy(abs, prec) : toGeneralPy(abs, prec, flags.includes('#'));
      if (type !== lower) body = body.toUpperCase();
      if (flags.includes('#') && !body.includes('.') && Number.isFinite(abs) && lower !== 'g') body += '.';
    }
  }
  const len = sign.length + strLength(body);
  if (width <= len) return sign + body;
  if (flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (flags.includes('0') && numericType && Number.isFinite(Number(body.replace(/[^0-9.]/g, '') || '0'))) {
    return sign + '0'.repeat(width - len) + body;
  }
  return ' '.repeat(width - len) + sign + body;
}
