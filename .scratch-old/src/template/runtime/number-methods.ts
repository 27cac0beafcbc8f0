/**
 * Attributes and methods of int, bool and float that templates reach by getattr
 * (`x.real`, `(255).bit_length()`, `(3.5).as_integer_ratio()`), as Python 3.11 has them.
 * Not provided: int.to_bytes/from_bytes (no bytes values), float.fromhex.
 */
import { TemplateError } from '../../errors.js';
import { PyFloat, makeFloat, makeTuple, markCallable } from './types.js';
import { positional } from './args.js';

type Num = number | boolean | PyFloat;

function floatValue(v: Num): number | undefined {
  if (v instanceof PyFloat) return v.value;
  return typeof v === 'number' && (!Number.isInteger(v) || Object.is(v, -0)) ? v : undefined;
}

function intValue(v: Num): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

/** The exact integer a double holds, as a JS number when it fits (it always does for a float's numerator). */
function checkedInt(n: bigint): number {
  const x = Number(n);
  if (!Number.isFinite(x)) throw new TemplateError('as_integer_ratio(): the denominator does not fit in a number');
  return x;
}

function floatRatio(x: number): readonly unknown[] {
  if (!Number.isFinite(x)) {
    throw new TemplateError(Number.isNaN(x) ? 'cannot convert NaN to integer ratio' : 'cannot convert Infinity to integer ratio');
  }
  let exp = 0;
  let m = x;
  // Scale to an integral mantissa; doubles are exact under multiplication by 2.
  while (!Number.isInteger(m)) {
    m *= 2;
    exp++;
  }
  let num = BigInt(m);
  let den = 1n << BigInt(exp);
  while (exp > 0 && num % 2n === 0n) {
    num /= 2n;
    den /= 2n;
    exp--;
  }
  return makeTuple([checkedInt(num), checkedInt(den)]);
}

/** float.hex(): '0x1.<13 hex digits>p<exp>', subnormals as '0x0.…p-1022'. */
function floatHex(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0x0.0p+0`;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const mantissa = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  const exp = biased === 0 ? -1022 : biased - 1023;
  return `${sign}0x${biased === 0 ? 0 : 1}.${mantissa}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

function popCount(n: number): number {
  let count = 0;
  for (let b = BigInt(Math.abs(n)); b > 0n; b >>= 1n) count += Number(b & 1n);
  return count;
}

type Method = (v: Num, f: number | undefined) => unknown;

/** Methods by name; `f` is the float value, undefined for int and bool. */
const METHODS: Record<string, Method> = {
  conjugate: (v, f) => (f === undefined ? intValue(v) : makeFloat(f)),
  as_integer_ratio: (v, f) => (f === undefined ? makeTuple([intValue(v), 1]) : floatRatio(f)),
  bit_length: (v) => (intValue(v) === 0 ? 0 : BigInt(Math.abs(intValue(v))).toString(2).length),
  bit_count: (v) => popCount(intValue(v)),
  is_integer: (_v, f) => Number.isInteger(f),
  hex: (_v, f) => floatHex(f!),
};
const INT_ONLY = new Set(['bit_length', 'bit_count']);
// int.is_integer() arrived in Python 3.12; the oracle's 3.11 has it on float only.
const FLOAT_ONLY = new Set(['is_integer', 'hex']);

/** `x.name` on an int, bool or float; undefined when Python has no such attribute. */
export function numberAttribute(v: Num, name: string): unknown {
  const f = floatValue(v);
  switch (name) {
    case 'real': return f === undefined ? intValue(v) : makeFloat(f);
    case 'imag': return f === undefined ? 0 : makeFloat(0);
    case 'numerator': return f === undefined ? intValue(v) : undefined;
    case 'denominator': return f === undefined ? 1 : undefined;
  }
  if (!Object.hasOwn(METHODS, name) || (f === undefined ? FLOAT_ONLY : INT_ONLY).has(name)) return undefined;
  const method = METHODS[name];
  return markCallable(name, (args, kwargs) => {
    positional(name, args, kwargs, 0, 0);
    return method(v, f);
  });
}
