import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';

/**
 * Python's float-to-text conversions ('f', 'e', 'g', repr-like), shared by `%`
 * formatting, `str.format` and filters. JS's toFixed/toExponential round ties
 * away from zero; Python rounds the exact binary value half to even, so ties
 * (exactly representable midpoints such as 0.125 or 2.5) are corrected here.
 */

/** True when the digits after the first `keep` are exactly "5" then zeros: a rounding tie. */
function isTie(exact: string, keep: number): boolean {
  const rest = exact.slice(keep);
  return rest[0] === '5' && /^50*$/.test(rest);
}

function digitsOf(s: string): string {
  return s.replace(/[-.]/g, '');
}

/** JS's toFixed/toExponential stop at 100 digits; beyond that they throw a RangeError. */
const MAX_PRECISION = 100;

/** '%.100000000f' would be a 100 MB string: refuse with the real reason, not a stack message (M3). */
function checkPrecision(prec: number): void {
  currentBudget().checkLength(prec);
  if (prec > MAX_PRECISION) throw new TemplateError(`Format precision ${prec} is above the supported maximum of ${MAX_PRECISION} digits`);
}

/** Python '%.{prec}f'. */
export function toFixedPy(x: number, prec: number): string {
  checkPrecision(prec);
  if (!Number.isFinite(x)) return nonFinite(x);
  if (Math.abs(x) >= 1e21) return bigFixed(x, prec);
  // Only an exact tie (x * 10^prec ends in exactly .5) rounds differently from toFixed. With
  // k = x * 2^(prec+1), which is exact, x * 10^prec is k * 5^prec / 2: a tie exactly when k
  // is an odd integer. (Profiles of money templates spent a fifth of their time in the long
  // toFixed below.)
  const k = x * 2 ** (prec + 1);
  if (!Number.isInteger(k) || k % 2 === 0) return x.toFixed(prec);
  const long = x.toFixed(Math.min(100, prec + 30));
  const dot = long.indexOf('.');
  const frac = long.slice(dot + 1);
  if (frac[prec] === '5' && /^0*$/.test(frac.slice(prec + 1))) {
    const lastKept = prec === 0 ? long[dot - 1] : frac[prec - 1];
    if (Number(lastKept) % 2 === 0) return prec === 0 ? long.slice(0, dot) : long.slice(0, dot + 1 + prec);
  }
  return x.toFixed(prec);
}

function bigFixed(x: number, prec: number): string {
  const int = BigInt(x).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

function nonFinite(x: number): string {
  return x !== x ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** Python '%.{prec}e' (exponent with at least two digits). */
export function toExponentialPy(x: number, prec: number): string {
  checkPrecision(prec);
  if (!Number.isFinite(x)) return nonFinite(x);
  let s = x.toExponential(prec);
  const long = x.toExponential(Math.min(100, prec + 30));
  const mant = digitsOf(long.slice(0, long.indexOf('e')));
  if (isTie(mant, prec + 1) && Number(mant[prec]) % 2 === 0) {
    const e = long.indexOf('e');
    const dot = long.indexOf('.');
    s = (prec === 0 ? long.slice(0, dot) : long.slice(0, dot + 1 + prec)) + long.slice(e);
  }
  const e = s.indexOf('e');
  const exp = Number(s.slice(e + 1));
  const abs = Math.abs(exp);
  return `${s.slice(0, e)}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

/**
 * Python '%.{prec}g'; `alt` keeps trailing zeros ('#'). str.format's no-type rule passes
 * `minOneDecimal` (fixed notation keeps a ".0") and `sciShift` 1 (scientific from exp >= prec - 1).
 */
export function toGeneralPy(x: number, prec: number, alt = false, minOneDecimal = false, sciShift = 0): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const p = prec === 0 ? 1 : prec;
  if (x === 0) {
    const zero = Object.is(x, -0) ? '-0' : '0';
    if (alt) return `${zero}.${'0'.repeat(p - 1)}`;
    return minOneDecimal ? `${zero}.0` : zero;
  }
  const expStr = toExponentialPy(x, p - 1);
  const exp = Number(expStr.slice(expStr.indexOf('e') + 1));
  let out: string;
  if (exp >= -4 && exp < p - sciShift) {
    out = toFixedPy(x, p - 1 - exp);
    if (!alt) out = stripZeros(out);
    if (minOneDecimal && !out.includes('.')) out += '.0';
  } else {
    const e = expStr.indexOf('e');
    let mant = expStr.slice(0, e);
    if (!alt) mant = stripZeros(mant);
    out = mant + expStr.slice(e);
  }
  return out;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Insert a thousands separator into the integer digits of an unsigned number string. */
export function groupDigits(s: string, sep: string, every = 3): string {
  const dot = s.search(/[.e]/);
  const int = dot < 0 ? s : s.slice(0, dot);
  const rest = dot < 0 ? '' : s.slice(dot);
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % every === 0) out += sep;
    out += int[i];
  }
  return out + rest;
}
