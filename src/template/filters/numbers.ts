import { TemplateError } from '../../errors.js';
import { Markup, makeFloat, PyFloat, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { bindArgs } from '../runtime/args.js';
import { isFloat, isNumeric, toNum, typeName } from '../runtime/values.js';
import { toFixedPy } from '../runtime/number-format.js';

/** Python's float(str): whitespace, underscores between digits, inf/nan spellings. Undefined when invalid. */
export function parseFloatPy(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(t)) return NaN;
  if (!/^[-+]?(\d(_?\d)*)?(\.(\d(_?\d)*)?)?(e[-+]?\d(_?\d)*)?$/.test(t) || !/\d/.test(t.split('e')[0])) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** Python's int(str, base). Undefined when invalid. */
export function parseIntPy(s: string, base: number): number | undefined {
  let t = s.trim().toLowerCase().replace(/(\w)_(?=\w)/g, '$1');
  let sign = 1;
  if (t[0] === '-' || t[0] === '+') {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  const prefix = /^0([xob])/.exec(t);
  if (prefix && (base === 0 || base === { x: 16, o: 8, b: 2 }[prefix[1] as 'x' | 'o' | 'b'])) {
    base = { x: 16, o: 8, b: 2 }[prefix[1] as 'x' | 'o' | 'b'];
    t = t.slice(2);
  } else if (base === 0) {
    if (/^0+$/.test(t)) return 0;
    if (t[0] === '0') return undefined;
    base = 10;
  }
  if (t === '' || base < 2 || base > 36) return undefined;
  let n = 0;
  for (const ch of t) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * base + d;
  }
  return sign * n;
}

function toInt(v: unknown, dflt: unknown, base: unknown): unknown {
  // Undefined and null give the fallback, like any value that does not convert.
  if (v === undefined || v === null) return dflt;
  if (v instanceof Markup) v = v.text;
  if (typeof v === 'string') {
    const b = typeof base === 'number' ? base : 10;
    const n = parseIntPy(v, b);
    if (n !== undefined) return n;
    const f = parseFloatPy(v);
    return f === undefined || !Number.isFinite(f) ? dflt : Math.trunc(f) || 0;
  }
  if (isNumeric(v)) {
    const n = toNum(v);
    return Number.isFinite(n) ? Math.trunc(n) || 0 : dflt;
  }
  return dflt;
}

function toFloat(v: unknown, dflt: unknown): unknown {
  if (v === undefined || v === null) return dflt;
  if (v instanceof Markup) v = v.text;
  if (typeof v === 'string') {
    const f = parseFloatPy(v);
    return f === undefined ? dflt : makeFloat(f);
  }
  if (isNumeric(v)) return makeFloat(toNum(v));
  return dflt;
}

/** Python's round(x, n) on a float: the correctly rounded decimal, ties to even. */
export function roundHalfEven(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  // Python keeps the sign of a result that rounds to zero (round(-0.4) is -0.0).
  if (n >= 0) return Number(toFixedPy(x, Math.min(n, 100))) || (x < 0 || Object.is(x, -0) ? -0 : 0);
  const scale = 10 ** -n;
  // Past 1e308 the scale is Infinity (and 0 * Infinity NaN): every float rounds to zero there.
  if (scale === Infinity) return x < 0 || Object.is(x, -0) ? -0 : 0;
  const q = x / scale;
  let r = Math.round(q);
  if (Math.abs(q % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r * scale;
}

function round(v: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const [precision, method] = bindArgs('do_round', ['precision', 'method'], [0, 'common'], args, kwargs);
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') throw new TemplateError('method must be common, ceil or floor');
  // Never a made-up 0.0 for a missing amount: undefined, which prints empty and takes `| default`.
  if (v === undefined || v === null) return undefined;
  if (!isNumeric(v)) throw new TemplateError(`type ${typeName(v)} doesn't define __round__ method`);
  if (typeof precision !== 'number' || !Number.isInteger(precision)) {
    throw new TemplateError(`'${typeName(precision)}' object cannot be interpreted as an integer`);
  }
  const x = toNum(v);
  if (method === 'common') {
    if (!isFloat(v)) {
      return precision >= 0 ? x : roundHalfEven(x, precision) || 0;
    }
    return makeFloat(roundHalfEven(x, precision));
  }
  const scale = 10 ** precision;
  return makeFloat((method === 'ceil' ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale);
}

function fileSize(v: unknown, args: unknown[], kwargs: Kwargs): string {
  const [binary] = bindArgs('do_filesizeformat', ['binary'], [false], args, kwargs);
  const f = v === undefined || v === null ? undefined : toFloat(v, undefined);
  if (f === undefined) throw new TemplateError(`could not convert ${typeName(v)} to float`);
  const bytes = toNum(f as number | PyFloat);
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = 0;
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    if (bytes < unit) return `${toFixedPy((base * bytes) / unit, 1)} ${prefixes[i]}`;
  }
  return `${toFixedPy((base * bytes) / unit, 1)} ${prefixes[prefixes.length - 1]}`;
}

/** Number filters. */
export const NUMBER_FILTERS: Record<string, FilterFunction> = {
  abs: (v, a, k) => {
    bindArgs('abs', [], [], a, k);
    if (v === undefined || v === null) return undefined;
    if (!isNumeric(v)) throw new TemplateError(`bad operand type for abs(): '${typeName(v)}'`);
    const n = Math.abs(toNum(v));
    return isFloat(v) ? makeFloat(n) : n;
  },
  int: (v, a, k) => {
    const [dflt, base] = bindArgs('do_int', ['default', 'base'], [0, 10], a, k);
    return toInt(v, dflt, base);
  },
  float: (v, a, k) => {
    const [dflt] = bindArgs('do_float', ['default'], [new PyFloat(0)], a, k);
    return toFloat(v, dflt);
  },
  round,
  filesizeformat: fileSize,
};
