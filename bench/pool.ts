import { GREETING_JINJA, greetingVariables } from './fixtures/greeting.js';
import type { Library } from './library.js';
import { interleave, median, scaled, timeAsyncSequential, timeSync } from './measure.js';
import { errorRow, formatNs, formatRate, formatRatio, type Row } from './report.js';

/**
 * (h) What the worker-thread backstop costs: the greeting rendered through
 * createRenderPool (one render in flight, then `size` in flight) against renderTemplate
 * in this thread. The difference is the message round trip and the structured clone of
 * the variables; it buys a process that survives any template.
 */
export async function benchPool(lib: Library | undefined): Promise<Row[]> {
  try {
    if (!lib) throw new Error('library did not load');
    const vars = greetingVariables();
    const size = 2;
    const pool = lib.createRenderPool({ size, maxQueue: 1_000_000 });
    try {
      const expected = lib.renderTemplate(GREETING_JINJA, vars);
      if ((await pool.render(GREETING_JINJA, vars)) !== expected) throw new Error('pool output differs from renderTemplate');
      const n = scaled(2000, 20);
      const inline = () => timeSync(() => lib.renderTemplate(GREETING_JINJA, vars), n);
      const pooled = () => timeAsyncSequential(() => pool.render(GREETING_JINJA, vars), n);
      await pooled(); // warm every worker's compiled-template cache
      const [ours, reference] = await interleave(scaled(10, 2), [pooled, inline]);
      const p = median(ours);
      const r = median(reference);
      const burst = scaled(4000, 40);
      const started = performance.now();
      await Promise.all(Array.from({ length: burst }, () => pool.render(GREETING_JINJA, vars)));
      const perSecond = burst / ((performance.now() - started) / 1000);
      return [{
        id: 'pool-render', library: formatNs(p), reference: formatNs(r), ratio: formatRatio(p / r), target: 'info (overhead ' + formatNs(p - r) + ' per render)', met: 'n/a',
        note: `pool of ${size} workers, one render in flight; ${burst} renders in flight at once: ${formatRate(perSecond, 'render')}`,
      }];
    } finally {
      await pool.close();
    }
  } catch (error) {
    return [errorRow('pool-render', error)];
  }
}
