import { createRequire } from 'node:module';
import path from 'node:path';
import { Template as HfTemplate } from '@huggingface/jinja';
import { Liquid } from 'liquidjs';
import type nunjucksType from 'nunjucks';
import { GREETING_JINJA, GREETING_LIQUID, greetingVariables, uniqueGreeting } from './fixtures/greeting.js';
import type { Library } from './library.js';
import { calibrateSync, consume, interleave, median, nowNs, scaled, timeSync } from './measure.js';
import { errorRow, formatNs, formatRatio, type Row } from './report.js';

/**
 * A private copy of nunjucks 3.2.4: the library's template layer hooks nunjucks'
 * parser, so the reference must not share its module instance.
 */
export function loadPristineNunjucks(): typeof nunjucksType {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('nunjucks/package.json')) + path.sep;
  const saved = new Map<string, NodeJS.Module | undefined>();
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root)) {
      saved.set(key, require.cache[key]);
      delete require.cache[key];
    }
  }
  try {
    return require('nunjucks') as typeof nunjucksType;
  } finally {
    for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

const normalize = (s: string) => s.replace(/\s+/g, '');

/** (d) and (e): renderTemplate against nunjucks, @huggingface/jinja and liquidjs. */
export async function benchRender(lib: Library | undefined): Promise<Row[]> {
  const rows: Row[] = [];
  const vars = greetingVariables();
  const nunjucks = loadPristineNunjucks();
  const env = new nunjucks.Environment(null, { autoescape: false });
  const compiled = nunjucks.compile(GREETING_JINJA, env);
  const hf = new HfTemplate(GREETING_JINJA);
  const liquid = new Liquid();
  const liquidTemplate = liquid.parse(GREETING_LIQUID);
  const expected = compiled.render(vars);

  // (d) the same template, rendered many times
  try {
    if (!lib) throw new Error('library did not load');
    const render = lib.renderTemplate;
    const ours = render(GREETING_JINJA, vars);
    const notes: string[] = [];
    if (ours !== expected) notes.push(`output differs from nunjucks (${JSON.stringify(ours.slice(0, 80))}…)`);
    if (normalize(hf.render(vars)) !== normalize(expected)) notes.push('@huggingface/jinja output differs beyond whitespace');
    if (normalize(liquid.renderSync(liquidTemplate, vars) as string) !== normalize(expected)) notes.push('liquidjs output differs beyond whitespace');
    const sides = [
      () => render(GREETING_JINJA, vars),
      () => compiled.render(vars),
      () => hf.render(vars),
      () => liquid.renderSync(liquidTemplate, vars),
    ];
    const precompiled = lib.compileTemplate(GREETING_JINJA);
    sides.push(() => precompiled.render(vars));
    const counts = sides.map((fn) => calibrateSync(fn, 10));
    const results = await interleave(scaled(20, 2), sides.map((fn, i) => () => timeSync(fn, counts[i])));
    const [l, nj, h, lq, pre] = results.map(median);
    notes.unshift(`compileTemplate(src).render: ${formatNs(pre)}`);
    rows.push({
      id: 'render-nunjucks', library: formatNs(l), reference: formatNs(nj), ratio: formatRatio(l / nj), target: '≤ 1.25×', met: l / nj <= 1.25 ? 'yes' : 'no',
      note: notes.join('; '),
    });
    rows.push({ id: 'render-hf', library: formatNs(l), reference: formatNs(h), ratio: formatRatio(l / h), target: '≤ 0.33× (3× faster)', met: l * 3 <= h ? 'yes' : 'no' });
    rows.push({ id: 'render-liquid', library: formatNs(l), reference: formatNs(lq), ratio: formatRatio(l / lq), target: '≤ 0.33× (3× faster)', met: l * 3 <= lq ? 'yes' : 'no' });
  } catch (error) {
    for (const id of ['render-nunjucks', 'render-hf', 'render-liquid'] as const) rows.push(errorRow(id, error));
  }

  // (e) a template seen for the first time: every source is new (the counter is in
  // the text), so no by-source cache can serve it.
  try {
    if (!lib) throw new Error('library did not load');
    const render = lib.renderTemplate;
    let counter = 0;
    const probe = uniqueGreeting(--counter);
    if (render(probe, vars) !== env.renderString(probe, vars)) throw new Error('first-seen output differs from nunjucks renderString');
    const batch = scaled(200, 3);
    const timeUnique = (fn: (src: string) => unknown) => {
      const sources = Array.from({ length: batch }, () => uniqueGreeting(++counter));
      let last: unknown;
      const start = nowNs();
      for (const src of sources) last = fn(src);
      const ns = Number(nowNs() - start) / batch;
      consume(last);
      return ns;
    };
    const ours = (src: string) => render(src, vars);
    const theirs = (src: string) => env.renderString(src, vars);
    for (let i = 0; i < 3; i++) {
      timeUnique(ours);
      timeUnique(theirs);
    }
    const [libNs, refNs] = await interleave(scaled(15, 2), [() => timeUnique(ours), () => timeUnique(theirs)]);
    const l = median(libNs);
    const r = median(refNs);
    rows.push({
      id: 'render-first', library: formatNs(l), reference: formatNs(r), ratio: formatRatio(l / r), target: '≤ 1.5×', met: l / r <= 1.5 ? 'yes' : 'no',
      note: `${counter} distinct sources rendered; median of ${libNs.length} rounds of ${batch}`,
    });
  } catch (error) {
    rows.push(errorRow('render-first', error));
  }
  return rows;
}
