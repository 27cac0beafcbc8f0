import { TemplateError } from '../../errors.js';
import { Markup, PY_NONE, PyFloat, TemplateObject, isCallable, isTuple, iteratorType } from './types.js';

/** A dict: a plain data object (prototype Object.prototype or null). */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** int, float or bool (Python's bool is an int). */
export function isNumeric(v: unknown): v is number | boolean | PyFloat {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

/** A Python float: a PyFloat box or a non-integral JS number (incl. inf/nan). */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** A Python int (not bool). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The JS number behind an int, float or bool. */
export function toNum(v: number | boolean | PyFloat): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v.value;
}

/** Python's type name, for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (v === undefined) return 'Undefined';
  switch (typeof v) {
    case 'string': return 'str';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int' : 'float';
    case 'function': return isCallable(v) ? 'function' : 'object';
  }
  if (v instanceof PyFloat) return 'float';
  if (v instanceof Markup) return 'Markup';
  if (v === PY_NONE) return 'NoneType';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : iteratorType(v) ?? 'list';
  if (v instanceof TemplateObject) return v.constructor.name;
  return 'dict';
}

/** Python's TypeError, surfaced as a TemplateError. */
export function typeError(message: string): TemplateError {
  return new TemplateError(message);
}

/** The code points of a string (Python indexes strings by code point). */
export function codePoints(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split('');
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** True when JS's UTF-16 indexes differ from Python's code point indexes. */
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Python len() of a string. */
export function strLength(s: string): number {
  return hasSurrogates(s) ? Array.from(s).length : s.length;
}
