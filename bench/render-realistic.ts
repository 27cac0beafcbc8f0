import { REALISTIC_TEMPLATES } from './fixtures/realistic.js';
import type { Library } from './library.js';
import { calibrateSync, interleave, median, scaled, timeSync } from './measure.js';
import { loadPristineNunjucks } from './render.js';
import { errorRow, formatNs, formatRatio, type Row } from './report.js';

/**
 * (l) Realistic templates (bench/fixtures/realistic.ts), each compiled once by both engines
 * and rendered many times, interleaved: compileTemplate(src).render vs nunjucks compiled.
 * Each must print the same text in both. The row reports the worst template (the highest
 * time ratio); the note lists every template's speed as nunjucks time ÷ ours.
 */
export async function benchRenderRealistic(lib: Library | undefined): Promise<Row[]> {
  try {
    if (!lib) throw new Error('library did not load');
    const nunjucks = loadPristineNunjucks();
    const env = new nunjucks.Environment(null, { autoescape: false });
    const results = [];
    for (const t of REALISTIC_TEMPLATES) {
      const vars = JSON.parse(JSON.stringify(t.variables)) as Record<string, unknown>;
      const theirs = nunjucks.compile(t.source, env);
      const ours = lib.compileTemplate(t.source);
      const a = ours.render(vars);
      const b = theirs.render(vars);
      if (a !== b) throw new Error(`${t.name}: output differs from nunjucks (${JSON.stringify(a.slice(0, 60))}… vs ${JSON.stringify(b.slice(0, 60))}…)`);
      const sides = [() => ours.render(vars), () => theirs.render(vars)];
      const counts = sides.map((fn) => calibrateSync(fn, 10));
      const [l, r] = (await interleave(scaled(20, 3), sides.map((fn, i) => () => timeSync(fn, counts[i])))).map(median);
      results.push({ name: t.name, chars: t.source.length, l, r });
    }
    const worst = results.reduce((w, x) => (x.l / x.r > w.l / w.r ? x : w));
    return [{
      id: 'render-realistic', library: formatNs(worst.l), reference: formatNs(worst.r), ratio: formatRatio(worst.l / worst.r), target: '≤ 1.0× (as fast as nunjucks)', met: worst.l <= worst.r ? 'yes' : 'no',
      note: `worst: ${worst.name}; speed vs nunjucks (higher is faster): ${results.map((x) => `${x.name} (${x.chars} chars) ${(x.r / x.l).toFixed(2)}×`).join(', ')}`,
    }];
  } catch (error) {
    return [errorRow('render-realistic', error)];
  }
}
