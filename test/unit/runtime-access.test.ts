import { describe, expect, it } from 'vitest';
import { callValue, getAttr, getItem, iterate, setAttr, sliceValue } from '../../src/template/runtime/access.js';
import { outputValue } from '../../src/template/runtime/print.js';
import { isCallable, makeTuple } from '../../src/template/runtime/types.js';
import { GLOBALS } from '../../src/template/globals.js';
import { FILTERS } from '../../src/template/filters/index.js';
import { TESTS } from '../../src/template/tests.js';

const call = (obj: unknown, name: string, ...args: unknown[]) => outputValue(callValue(getAttr(obj, name), args, undefined));

describe('attribute and item access', () => {
  it('reads a dict-method name on data as the key, undefined when absent; a template dict keeps its methods', () => {
    const order = { items: ['x', 'y'] };
    expect(getAttr(order, 'items')).toBe(order.items);
    expect(getAttr({ a: 1 }, 'items')).toBeUndefined();
    const literal = Object.assign(Object.create(null), { a: 1 });
    expect(outputValue(callValue(getAttr(literal, 'items'), [], undefined))).toBe("dict_items([('a', 1)])");
  });
  it('indexes strings by code point and slices like Python', () => {
    expect(getItem('a😀b', 1)).toBe('😀');
    expect(getItem('a😀b', -1)).toBe('b');
    expect(sliceValue('a😀b', null, null, -1)).toBe('b😀a');
    expect(sliceValue('Hello World', -5, null, null)).toBe('World');
    expect(sliceValue([3, 1, 2], null, null, -1)).toEqual([2, 1, 3]);
    expect(getItem([3, 1, 2], 5)).toBeUndefined();
  });
  it.each([
    ['"o\'neil mc-donald 1st".title()', () => call("o'neil mc-donald 1st", 'title'), "O'Neil Mc-Donald 1St"],
    ['"  a  b c ".split()', () => call('  a  b c ', 'split'), "['a', 'b', 'c']"],
    ['"a b c d".rsplit(" ", 1)', () => call('a b c d', 'rsplit', ' ', 1), "['a b c', 'd']"],
    ['"ab".center(7, "*")', () => call('ab', 'center', 7, '*'), '***ab**'],
    ['"abc".center(6)', () => call('abc', 'center', 6), ' abc  '],
    ['"-4".zfill(4)', () => call('-4', 'zfill', 4), '-004'],
    ['"{:,.2f}".format(1234567.891)', () => call('{:,.2f}', 'format', 1234567.891), '1,234,567.89'],
    ['"{:.1%}".format(0.256)', () => call('{:.1%}', 'format', 0.256), '25.6%'],
    ['"{:>10}|{:*^9}".format("x", "c")', () => call('{:>10}|{:*^9}', 'format', 'x', 'c'), '         x|****c****'],
    ['"a=b=c".rpartition("=")', () => call('a=b=c', 'rpartition', '='), "('a=b', '=', 'c')"],
    ['d.get("zz", "dflt")', () => call(Object.assign(Object.create(null), { a: 1 }), 'get', 'zz', 'dflt'), 'dflt'],
  ])('%s', (_name, fn, expected) => {
    expect(fn()).toBe(expected);
  });
  it('gives undefined for attributes and calls on undefined or null', () => {
    expect(getAttr(null, 'x')).toBeUndefined();
    expect(getItem(undefined, 'x')).toBeUndefined();
    expect(callValue(getAttr(null, 'upper'), [], undefined)).toBeUndefined();
    expect(iterate(null)).toEqual([]);
  });
  it('refuses to call a defined non-callable and to iterate an int', () => {
    expect(() => callValue('x', [], undefined)).toThrow(/'str' object is not callable/);
    expect(() => iterate(5)).toThrow(/'int' object is not iterable/);
  });
});

describe('sandbox', () => {
  const blocked = ['constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupSetter__', '__class__'];
  it.each(blocked)('refuses %s on every kind of value', (name) => {
    for (const target of ['x', [1], {}, { [name]: 1 }, GLOBALS.range, 5, null]) {
      expect(() => getAttr(target, name)).toThrow(`access to attribute '${name}' is not allowed`);
      expect(() => getItem(target, name)).toThrow(/not allowed/);
    }
    expect(() => setAttr(callValue(GLOBALS.namespace, [], undefined), name, 1)).toThrow(/not allowed/);
  });
  it('never reaches inherited JavaScript members', () => {
    expect(getAttr({}, 'toString')).toBeUndefined();
    expect(getAttr({}, 'hasOwnProperty')).toBeUndefined();
    expect(getAttr([], 'map')).toBeUndefined();
    expect(getAttr('x', 'charAt')).toBeUndefined();
    expect(getItem([], 'length')).toBeUndefined();
    expect(getAttr(GLOBALS.range, 'call')).toBeUndefined();
  });
  it('hands out only runtime callables', () => {
    expect(isCallable(getAttr('x', 'upper'))).toBe(true);
    expect(Object.getPrototypeOf(FILTERS)).toBeNull();
    expect(Object.getPrototypeOf(TESTS)).toBeNull();
    expect(Object.getPrototypeOf(GLOBALS)).toBeNull();
  });
  it('only lets namespace objects take attributes', () => {
    expect(() => setAttr({}, 'a', 1)).toThrow(/non-namespace/);
    const ns = callValue(GLOBALS.namespace, [], { a: 1 });
    setAttr(ns, 'b', 2);
    expect(getAttr(ns, 'b')).toBe(2);
  });
  it('bounds range() and string padding', () => {
    expect(() => callValue(GLOBALS.range, [1_000_000], undefined)).toThrow(/range/);
    expect(() => call('x', 'center', 10_000_000)).toThrow(/exceeded/);
    expect(() => call('{:>99999999}', 'format', 'x')).toThrow(/exceeded/);
  });
  it('keeps dict keys like __proto__ as data when set through methods', () => {
    const d: Record<string, unknown> = {};
    expect(() => callValue(getAttr(d, 'update'), [], { __proto__: 1 } as never)).not.toThrow();
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(makeTuple([1])).toHaveLength(1);
  });
});
