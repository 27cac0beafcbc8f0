import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/template/bounded-cache.js';

const keys = (cache: BoundedCache<number>, candidates: string[]): string[] => candidates.filter((k) => cache.get(k) !== undefined);

describe('BoundedCache (the compiled-template cache)', () => {
  it('evicts the least recently used entry past the entry bound, and get() counts as use', () => {
    const cache = new BoundedCache<number>(2, 1000);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3, 10);
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });

  it('evicts the oldest entries until the byte bound holds, and refuses an entry larger than the bound', () => {
    const cache = new BoundedCache<number>(10, 100);
    cache.set('a', 1, 40);
    cache.set('b', 2, 40);
    cache.set('c', 3, 40);
    expect({ size: cache.size, bytes: cache.bytes }).toEqual({ size: 2, bytes: 80 });
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', 4, 101);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.bytes).toBe(80);
  });

  it('replacing a key counts its bytes once', () => {
    const cache = new BoundedCache<number>(10, 100);
    cache.set('a', 1, 30);
    cache.set('a', 2, 50);
    expect({ value: cache.get('a'), size: cache.size, bytes: cache.bytes }).toEqual({ value: 2, size: 1, bytes: 50 });
  });

  it('keeps both bounds and the byte total exact under any sequence of sets and gets (property)', () => {
    const op = fc.oneof(
      fc.record({ set: fc.constantFrom('a', 'b', 'c', 'd', 'e'), bytes: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ get: fc.constantFrom('a', 'b', 'c', 'd', 'e') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const cache = new BoundedCache<number>(3, 100);
        const held = new Map<string, number>();
        for (const o of ops) {
          if ('set' in o) {
            cache.set(o.set, o.bytes, o.bytes);
            held.set(o.set, o.bytes);
          } else cache.get(o.get);
        }
        expect(cache.size).toBeLessThanOrEqual(3);
        expect(cache.bytes).toBeLessThanOrEqual(100);
        // Every value still held is the latest one set for its key, and the total is their sum.
        let sum = 0;
        for (const [key, bytes] of held) {
          const value = cache.get(key);
          if (value !== undefined) {
            expect(value).toBe(bytes);
            sum += bytes;
          }
        }
        expect(cache.bytes).toBe(sum);
      }),
    );
  });
});
