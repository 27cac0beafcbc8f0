import { TemplateError } from '../../errors.js';

/*
 * Python's float ** int goes through C's pow(), which glibc rounds correctly; V8's
 * `**` can be one ulp off (9 ** -3). For integral exponents we compute the exact
 * power with BigInt and round once, so the digits printed match CPython's.
 */

const view = new DataView(new ArrayBuffer(8));

/** |x| = mantissa * 2^exponent, exactly. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? [mantissa, -1074] : [mantissa | (1n << 52n), biased - 1075];
}

/** big * 2^exp, rounded once (Number(bigint) rounds to nearest even). */
function scale(big: bigint, exp: number): number {
  let n = Number(big);
  while (exp > 1000) { n *= 2 ** 1000; exp -= 1000; }
  while (exp < -1000) { n *= 2 ** -1000; exp += 1000; }
  return n * 2 ** exp;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** x ** n for a finite float x and an integral n, correctly rounded. */
function exactPow(x: number, n: number): number {
  const [m, e] = decompose(x);
  const negative = x < 0 && n % 2 !== 0;
  const k = Math.abs(n);
  const p = m ** BigInt(k);
  let result: number;
  if (n >= 0) {
    result = scale(p, e * k);
  } else {
    // 1 / (p * 2^(e*k)) = 2^s / p * 2^(-e*k - s); the sticky bit keeps the rounding exact.
    const s = bitLength(p) + 66;
    const num = 1n << BigInt(s);
    const q = ((num / p) << 1n) | (num % p === 0n ? 0n : 1n);
    result = scale(q, -e * k - s - 1);
  }
  return negative ? -result : result;
}

/** Python's `x ** y` on numbers (ints and floats as JS numbers). */
export function pyPow(x: number, y: number): number {
  let r: number;
  if (Number.isInteger(y) && Number.isFinite(x) && x !== 0 && Math.abs(y) <= 1100) r = exactPow(x, y);
  else r = x ** y;
  if (r === Infinity || r === -Infinity) {
    if (Number.isFinite(x) && Number.isFinite(y)) throw new TemplateError("(34, 'Numerical result out of range')");
  }
  return r;
}
