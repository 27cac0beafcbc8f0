import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate, TEMPLATE_CACHE_MAX_BYTES, templateCacheStats } from '../../src/template/index.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);

// Generous render time: these renders are big on purpose, and CI shares two cores.
const SLOW_MACHINE = { limits: { maxRenderMs: 60_000 } };

/** A distinct source of about `size` characters, in a shape that takes much heap per character. */
function denseSource(i: number, size: number): string {
  let source = `{% macro m${i}(a, b=1) %}{{ a.b.c|default(b)|string|trim }}{% endmacro %}`;
  while (source.length < size) source += `{{ m${i}(x.y.z|default(1)|string|upper) }}`;
  return source;
}

describe('the compiled-template cache is bounded in bytes', () => {
  // Before the byte bound these 70 sources held about 120 MB (the LRU kept all of them, and
  // V8's eval cache kept every one ever compiled with new Function).
  it('keeps the real heap of 70 distinct 32 KiB macro-heavy templates under TEMPLATE_CACHE_MAX_BYTES', { timeout: 120_000 }, () => {
    const before = heap();
    for (let i = 0; i < 70; i++) expect(compileTemplate(denseSource(i, 32 * 1024), SLOW_MACHINE).render({ x: {} })).toContain('1');
    const held = heap() - before;
    const stats = templateCacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(TEMPLATE_CACHE_MAX_BYTES);
    expect(stats.entries).toBeLessThan(70);
    expect(held).toBeLessThan(TEMPLATE_CACHE_MAX_BYTES);
  });

  it('still serves a small template from the cache after the big ones passed through', () => {
    const source = 'Hi {{ name | default("there") }}!';
    expect(renderTemplate(source, {})).toBe('Hi there!');
    const { entries } = templateCacheStats();
    expect(renderTemplate(source, { name: 'Ada' })).toBe('Hi Ada!');
    expect(templateCacheStats().entries).toBe(entries);
  });

  it('does not keep a template larger than the whole bound, and still renders it', { timeout: 60_000 }, () => {
    const huge = denseSource(999, 120 * 1024);
    const before = templateCacheStats();
    expect(compileTemplate(huge, { limits: { ...SLOW_MACHINE.limits, maxIterations: 1_000_000 } }).render({ x: {} })).toContain('1');
    expect(templateCacheStats().bytes).toBeLessThanOrEqual(Math.max(before.bytes, TEMPLATE_CACHE_MAX_BYTES));
  });
});
