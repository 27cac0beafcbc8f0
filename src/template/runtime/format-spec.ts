import { TemplateError, isTemplateError } from '../../errors.js';
import { isLimitError } from './lenient.js';
import { currentBudget } from '../limits.js';
import { Markup, PyFloat, TemplateObject } from './types.js';
import { pyStr } from './print.js';
import { isFloat, isNumeric, toNum, typeName, strLength } from './values.js';
import { groupDigits, toExponentialPy, toFixedPy, toGeneralPy } from './number-format.js';
import { formatFloat } from './print.js';
import { codePointChar } from './text.js';

/** A parsed Python format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]. */
interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string, v: unknown): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw new TemplateError(`Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  const width = m[7] === undefined ? 0 : Number(m[7]);
  currentBudget().checkLength(width);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: m[5] === '#',
    zero: m[6] === '0',
    width,
    grouping: m[8] ?? '',
    precision: m[9] === undefined ? -1 : Number(m[9]),
    type: m[10] ?? '',
  };
}

/** Pad `body` (with its sign/prefix kept apart for '=' alignment) to the spec's width. */
function pad(prefix: string, body: string, spec: Spec, defaultAlign: string): string {
  const len = strLength(prefix) + strLength(body);
  if (spec.width <= len) return prefix + body;
  const n = spec.width - len;
  const fill = spec.fill;
  switch (spec.align || defaultAlign) {
    case '<': return prefix + body + fill.repeat(n);
    case '^': return fill.repeat(n >> 1) + prefix + body + fill.repeat(n - (n >> 1));
    case '=': return prefix + fill.repeat(n) + body;
    default: return fill.repeat(n) + prefix + body;
  }
}

function badCode(type: string, v: unknown): TemplateError {
  return new TemplateError(`Unknown format code '${type}' for object of type '${typeName(v)}'`);
}

function formatString(s: string, spec: Spec, v: unknown): string {
  if (spec.type && spec.type !== 's') throw badCode(spec.type, v);
  if (spec.sign !== '-' || spec.alt || spec.grouping) throw new TemplateError('Sign not allowed in string format specifier');
  if (spec.align === '=') throw new TemplateError("'=' alignment not allowed in string format specifier");
  const body = spec.precision >= 0 ? Array.from(s).slice(0, spec.precision).join('') : s;
  return pad('', body, spec, '<');
}

function signOf(negative: boolean, spec: Spec): string {
  return negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

function formatInteger(n: number, spec: Spec, v: unknown): string {
  if (spec.precision >= 0) throw new TemplateError('Precision not allowed in integer format specifier');
  let digits: string;
  let prefix = '';
  const abs = Math.abs(n);
  switch (spec.type) {
    case '': case 'd': case 'n': digits = Number.isSafeInteger(abs) ? String(abs) : BigInt(abs).toString(); break;
    case 'x': digits = abs.toString(16); prefix = spec.alt ? '0x' : ''; break;
    case 'X': digits = abs.toString(16).toUpperCase(); prefix = spec.alt ? '0X' : ''; break;
    case 'o': digits = abs.toString(8); prefix = spec.alt ? '0o' : ''; break;
    case 'b': digits = abs.toString(2); prefix = spec.alt ? '0b' : ''; break;
    case 'c': return pad('', codePointChar(n), spec, '<');
    default: throw badCode(spec.type, v);
  }
  if (spec.grouping) digits = groupDigits(digits, spec.grouping, spec.type === '' || spec.type === 'd' ? 3 : 4);
  return pad(signOf(n < 0, spec) + prefix, digits, spec, '>');
}

function formatFloatSpec(x: number, spec: Spec, v: unknown): string {
  const negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const prec = spec.precision < 0 ? 6 : spec.precision;
  let body: string;
  switch (spec.type) {
    case 'f': case 'F': body = toFixedPy(abs, prec); break;
    case 'e': case 'E': body = toExponentialPy(abs, prec); break;
    case 'g': case 'G': case 'n': body = toGeneralPy(abs, prec, spec.alt); break;
    case '%': body = toFixedPy(abs * 100, prec) + '%'; break;
    case '':
      body = spec.precision < 0 ? formatFloat(abs) : toGeneralPy(abs, prec, spec.alt, true, 1);
      break;
    default: throw badCode(spec.type, v);
  }
  if (spec.type === 'F' || spec.type === 'E' || spec.type === 'G') body = body.toUpperCase();
  if (spec.alt && !body.includes('.') && /^\d/.test(body) && !/e/i.test(body)) body += '.';
  if (spec.grouping && Number.isFinite(abs)) body = groupDigits(body, spec.grouping);
  if (!Number.isFinite(abs) && spec.zero && !spec.align) spec = { ...spec, fill: ' ', align: '>' };
  return pad(signOf(negative && !(x !== x), spec), body, spec, '>');
}

/** Python's format(value, spec), lenient: undefined and None format as ''. */
export function formatValue(v: unknown, spec: string): string {
  if (v === undefined || v === null) return formatAbsent(spec);
  if (spec === '') return pyStr(v);
  if (typeof v === 'string') return formatString(v, parseSpec(spec, v), v);
  if (v instanceof Markup) return formatString(v.text, parseSpec(spec, v.text), v.text);
  if (isNumeric(v)) {
    const parsed = parseSpec(spec, v);
    const n = toNum(v);
    if (isFloat(v) || 'eEfFgG%'.includes(parsed.type) && parsed.type !== '') {
      return formatFloatSpec(n, parsed, v);
    }
    return formatInteger(n, parsed, v);
  }
  if (v instanceof TemplateObject || v instanceof PyFloat) return formatString(pyStr(v), parseSpec(spec, v), v);
  throw new TemplateError(`unsupported format string passed to ${typeName(v)}.__format__`);
}

/**
 * An undefined or null field: formatted as "" where the spec is one text takes
 * (`'{:>6}'` pads), and as empty text where it is numeric (`'{:,.2f}'`, `'{:d}'`, `'{:%Y}'`):
 * never a made-up zero.
 */
function formatAbsent(spec: string): string {
  if (spec === '') return '';
  try {
    return formatString('', parseSpec(spec, ''), '');
  } catch (error) {
    if (isTemplateError(error) && !isLimitError(error)) return '';
    throw error;
  }
}
