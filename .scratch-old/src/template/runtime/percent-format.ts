import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { isTuple } from './types.js';
import { formatInt, pyRepr, pyStr } from './print.js';
import { isDict, isFloat, isNumeric, toNum, typeName, strLength } from './values.js';
import { toExponentialPy, toFixedPy, toGeneralPy } from './number-format.js';

/** One `%[(key)][flags][width][.precision]type` directive. */
const DIRECTIVE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/gs;

/**
 * Python's `format % args` (printf-style), lenient: None and undefined print as ''.
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
  const out = format.replace(DIRECTIVE, (_m, key: string | undefined, flags: string, w: string | undefined, p: string | undefined, type: string) => {
    if (type === '%' && key === undefined && !flags && w === undefined && p === undefined) return '%';
    let value: unknown;
    const width = w === '*' ? Number(next()) : w === undefined ? 0 : Number(w);
    const precision = p === '*' ? Number(next()) : p === undefined ? -1 : Number(p || '0');
    currentBudget().checkLength(width);
    if (key !== undefined) {
      if (!mappingLike) throw new TemplateError('format requires a mapping');
      usedMapping = true;
      if (mapping) value = Object.hasOwn(mapping, key) ? mapping[key] : missingKey(key);
      else if (Array.isArray(args)) throw new TemplateError('list indices must be integers or slices, not str');
      else value = undefined;
    } else if (type === '%') {
      value = undefined;
    } else {
      value = next();
    }
    const rv = convert(type, value, flags, width, precision);
    return escape !== undefined && (type === 's' || type === 'r' || type === 'a') ? escape(rv) : rv;
  });
  if (index < list.length && !usedMapping && !mappingLike) {
    throw new TemplateError('not all arguments converted during string formatting');
  }
  return out;
}

function missingKey(key: string): never {
  throw new TemplateError(`KeyError: '${key}'`);
}

function convert(type: string, v: unknown, flags: string, width: number, precision: number): string {
  let sign = '';
  let body: string;
  const numericType = 'diuoxXeEfFgGc'.includes(type) && type !== '';
  if (numericType && (v === undefined || v === null)) v = 0; // lenient: Undefined.__int__ is 0
  switch (type) {
    case 's': body = pyStr(v); if (precision >= 0) body = Array.from(body).slice(0, precision).join(''); break;
    case 'r': case 'a': body = v === null ? 'None' : pyRepr(v); if (precision >= 0) body = Array.from(body).slice(0, precision).join(''); break;
    case '%': body = '%'; break;
    case 'c':
      if (typeof v === 'string' && strLength(v) === 1) body = v;
      else if (typeof v === 'number' && Number.isInteger(v)) body = String.fromCodePoint(v);
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
