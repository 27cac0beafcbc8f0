import { GREETING_JINJA, greetingVariables } from './fixtures/greeting.js';
import { CALL, type Library } from './library.js';
import { calibrateSync, interleave, median, scaled, timeSync } from './measure.js';
import { errorRow, formatNs, formatRatio, type Row } from './report.js';

/** The greeting, opened by time of day and closed with a datetime filter. */
const VOICE_GREETING = `Good {{ time_of_day }}! ${GREETING_JINJA} It is {{ current_datetime | datetime("%A at %-I:%M %p") }}.`;
const NOW = Date.UTC(2026, 2, 8, 13, 30);

/**
 * (k) What the system variables cost a call: buildTemplateVariables over the endpoint's
 * variables, then the greeting with time_of_day and a datetime filter, against the plain
 * greeting with the endpoint's variables alone. Pure CPU: zones come from Node's ICU.
 */
export async function benchVariables(lib: Library | undefined): Promise<Row[]> {
  try {
    if (!lib) throw new Error('library did not load');
    const context = greetingVariables();
    const build = () => lib.buildTemplateVariables({ call: CALL, context, timezone: 'America/New_York', now: NOW });
    if (!lib.renderTemplate(VOICE_GREETING, build()).startsWith('Good morning!')) throw new Error('the greeting did not say good morning');
    const built = build();
    const sides = [
      () => lib.renderTemplate(VOICE_GREETING, build()),
      () => lib.renderTemplate(GREETING_JINJA, context),
      build,
      () => lib.renderTemplate(VOICE_GREETING, built),
    ];
    const counts = sides.map((fn) => calibrateSync(fn, 10));
    const [voice, plain, building, rendering] = (await interleave(scaled(20, 2), sides.map((fn, i) => () => timeSync(fn, counts[i])))).map(median);
    return [{
      id: 'render-variables', library: formatNs(voice), reference: formatNs(plain), ratio: formatRatio(voice / plain), target: `info (+${formatNs(voice - plain)} per call)`, met: 'n/a',
      note: `buildTemplateVariables: ${formatNs(building)}; render with the system variables and one datetime: ${formatNs(rendering)}`,
    }];
  } catch (error) {
    return [errorRow('render-variables', error)];
  }
}
