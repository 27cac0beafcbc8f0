import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTemplateError, type TemplateError } from '../../src/errors.js';
import { createRenderPool, DEFAULT_RENDER_POOL_OPTIONS, type RenderPool } from '../../src/pool/index.js';
import { renderTemplate } from '../../src/template/index.js';

// The template-side limits are lifted for the hostile renders below, so only the pool's
// own backstop (wall clock, heap) can stop them.
const UNLIMITED = { maxIterations: Number.MAX_SAFE_INTEGER, maxRenderMs: 1e9, maxRange: 1e12, maxOutputLength: 1e9 };
const ENDLESS = '{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}{% endfor %}{% endfor %}{% endfor %}';
const HOARDER = "{% set ns = namespace(s=[]) %}{% for i in range(10**6) %}{% set _ = ns.s.append('x' * 1000000 ~ i) %}{% endfor %}";

async function rejection(promise: Promise<unknown>): Promise<TemplateError> {
  try {
    await promise;
  } catch (error) {
    if (isTemplateError(error)) return error;
    throw error;
  }
  throw new Error('expected the render to reject');
}

describe('createRenderPool', () => {
  let pool: RenderPool;
  beforeAll(() => {
    pool = createRenderPool({ size: 2, timeoutMs: 1500, maxMemoryMb: 64 });
  });
  afterAll(() => pool.close());

  it.each([
    ['Hi {{ customer.first_name | default("there") }}!', { customer: { first_name: 'Maria' } }],
    ['Hi {{ customer.first_name | default("there") }}!', {}],
    ['{% for o in orders %}{{ loop.index }}. {{ o.item | upper }} {% endfor %}', { orders: [{ item: 'boots' }, { item: 'skis' }] }],
    ['{{ "%.2f" | format(balance) }} {{ tags | join(", ") }}', { balance: 12.5, tags: ['vip', 'ski'] }],
  ])('renders %j as renderTemplate does', async (source, variables) => {
    expect(await pool.render(source, variables)).toBe(renderTemplate(source, variables));
  });

  it('rejects a syntax error with its position and excerpt', async () => {
    const error = await rejection(pool.render('Hi {{ name', {}));
    expect([error.line, error.column, error.excerpt]).toEqual([1, 11, 'Hi {{ name\n          ^']);
    expect(error.message).toMatch(/line 1, column 11$/);
  });

  it('applies per-render limits', async () => {
    const error = await rejection(pool.render('{{ range(50) | join }}', {}, { limits: { maxRange: 10 } }));
    expect(error.reason).toMatch(/range\(\) of 50 items exceeds the limit of 10/);
  });

  it('stops an endless render at its deadline while other renders keep completing', async () => {
    const endless = rejection(pool.render(ENDLESS, {}, { limits: UNLIMITED }));
    const others = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.render('call {{ n }}', { n: i })));
    expect(others).toEqual(Array.from({ length: 40 }, (_, i) => `call ${i}`));
    const error = await endless;
    expect(error.message).toBe('Template render took longer than 1500 ms; its worker was stopped');
    // The replaced worker serves the next render.
    expect(await pool.render('after {{ 1 + 1 }}', {})).toBe('after 2');
    expect(pool.stats()).toMatchObject({ timedOut: 1, active: 0, queued: 0 });
  });

  it('refuses variables that cannot cross to a worker, as a TemplateError', async () => {
    const error = await rejection(pool.render('{{ f }}', { f: () => 1 }));
    expect(error.reason).toMatch(/cannot be sent to a render worker/);
  });
});

describe('createRenderPool: memory', () => {
  it('stops a render that runs out of memory while other renders keep completing', async () => {
    // Its own pool with a generous deadline, so only the heap limit can stop the hoarder.
    const roomy = createRenderPool({ size: 2, timeoutMs: 60_000, maxMemoryMb: 64 });
    try {
      const hoarder = rejection(roomy.render(HOARDER, {}, { limits: UNLIMITED }));
      const others = await Promise.all(Array.from({ length: 40 }, (_, i) => roomy.render('{{ n * 2 }}', { n: i })));
      expect(others).toEqual(Array.from({ length: 40 }, (_, i) => String(i * 2)));
      const error = await hoarder;
      expect(error.message).toBe("Template render ran out of memory (the worker's 64 MB heap); its worker was stopped");
      expect(await roomy.render('after {{ "ok" }}', {})).toBe('after ok');
      expect(roomy.stats()).toMatchObject({ outOfMemory: 1, timedOut: 0 });
    } finally {
      await roomy.close();
    }
  });

});

describe('createRenderPool: queue, close and options', () => {
  it('refuses a render beyond maxQueue at once, and serves the rest', async () => {
    const pool = createRenderPool({ size: 1, maxQueue: 2 });
    try {
      const accepted = [pool.render('a', {}), pool.render('b', {}), pool.render('c', {})]; // one running, two waiting
      const error = await rejection(pool.render('d', {}));
      expect(error.reason).toBe('The render pool is busy: 2 renders are already waiting');
      expect(await Promise.all(accepted)).toEqual(['a', 'b', 'c']);
    } finally {
      await pool.close();
    }
  });

  it('close() refuses the renders still waiting and every later one', async () => {
    const pool = createRenderPool({ size: 1 });
    const running = pool.render('{{ 1 }}', {});
    const waiting = rejection(pool.render('{{ 2 }}', {}));
    await pool.close();
    expect((await waiting).reason).toBe('The render pool is closed');
    expect((await rejection(pool.render('x', {}))).reason).toBe('The render pool is closed');
    await running.catch(() => undefined);
  });

  it.each([
    [{ size: 0 }, 'size must be an integer from 1 to 64'],
    [{ size: 1.5 }, 'size must be an integer from 1 to 64'],
    [{ timeoutMs: -1 }, 'timeoutMs must be an integer from 1 to 600000'],
    [{ maxMemoryMb: '64' }, 'maxMemoryMb must be an integer from 1 to 16384'],
    [{ maxQueue: -1 }, 'maxQueue must be an integer from 0 to 1000000'],
  ])('throws TypeError for %j', (options, message) => {
    expect(() => createRenderPool(options as never)).toThrow(new TypeError(`createRenderPool: ${message}`));
  });

  it('documents its defaults', () => {
    expect(DEFAULT_RENDER_POOL_OPTIONS).toEqual({ timeoutMs: 2000, maxMemoryMb: 128, maxQueue: 1024 });
    expect(Object.isFrozen(DEFAULT_RENDER_POOL_OPTIONS)).toBe(true);
  });
});
