import { isTemplateError } from '../errors.js';
import { FILTERS } from '../template/filters/index.js';
import { compileTemplate } from '../template/index.js';
import { closestName } from '../template/suggest.js';
import { TESTS } from '../template/tests.js';
import { findTimeZone } from '../template/time/zone.js';
import { ZONED_FILTERS } from '../template/time/render-clock.js';
import { analyzeInDetail, type TemplateVariable } from './analyze.js';
import { ARTIFACT_FIXES, findSpokenArtifacts } from './artifacts.js';
import { isPathPrefix, resolvePath, splitPath, valuesAt, type PathState } from './resolve.js';
import { findTypeRisks } from './type-risk.js';
import type { NameUse, PathRead } from './walk.js';

/** The kinds of finding `checkTemplate` reports. */
export type TemplateFindingKind = 'syntax' | 'render_error' | 'unknown_filter' | 'missing' | 'null' | 'spoken_artifact' | 'unused'
  /** The context's `timezone` is not an IANA name, so it was ignored (the agent's zone stays). */
  | 'invalid_timezone'
  /** The render breaks when a value read arrives as the other JSON type (money as text, a number as a number). */
  | 'type_risk';

/** One thing the caller would hear wrong (or might), with the fix. */
export interface TemplateFinding {
  kind: TemplateFindingKind;
  severity: 'error' | 'warning' | 'info';
  path?: string;
  line?: number;
  column?: number;
  /** One sentence, with the fix. */
  message: string;
}

/** What `checkTemplate` reports. */
export interface TemplateCheck {
  /** No finding of severity 'error'. */
  ok: boolean;
  /** The render, when it rendered. */
  output?: string;
  findings: TemplateFinding[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Renders `source` with `variables` and says what the caller would hear wrong: missing
 * or null data without a default, unknown filters (also in branches that did not run),
 * words a voice must never say, and variables nothing reads.
 *
 * @example
 * checkTemplate('Hi {{ name }}, welcome', {}).findings[0].kind // 'missing'
 */
export function checkTemplate(source: string, variables: Record<string, unknown>): TemplateCheck {
  const analysis = analyzeInDetail(source);
  const findings: TemplateFinding[] = [];
  findings.push(...unknownNames(analysis.walk.filters, FILTERS, 'filter'), ...unknownNames(analysis.walk.tests, TESTS, 'test'));
  const vars = typeof variables === 'object' && variables !== null ? variables : {};
  const fault = analysis.fault;
  if (fault !== undefined) {
    const kind = isTemplateError(fault) ? fault.kind : 'syntax';
    // Unknown filters and tests were reported above, each at its place; the data can still be checked.
    if (kind !== 'unknown_filter' && kind !== 'unknown_test') findings.push(faultFinding('syntax', fault));
    else findings.push(...dataFindings(analysis.variables, vars, analysis.walk.reads), ...unusedFindings(analysis.variables, vars, analysis.walk.filters));
    return finish(findings);
  }
  findings.push(...dataFindings(analysis.variables, vars, analysis.walk.reads), ...timezoneFindings(vars));
  let output: string | undefined;
  const template = compileTemplate(source);
  try {
    output = template.render(vars);
  } catch (error) {
    // An unknown filter reached at run time was reported above, at its place.
    if (!isTemplateError(error) || (error.kind !== 'unknown_filter' && error.kind !== 'unknown_test')) findings.push(faultFinding('render_error', error));
  }
  if (output !== undefined) {
    for (const artifact of findSpokenArtifacts(output, readsNonFinite(analysis.variables, vars))) {
      findings.push({ kind: 'spoken_artifact', severity: 'error', message: `The caller would hear ${JSON.stringify(artifact.text)} in "${artifact.excerpt}": ${ARTIFACT_FIXES[artifact.kind]}.` });
    }
  }
  // Only a template that renders with these variables can tell a type risk from a fault it already has.
  if (output !== undefined) findings.push(...typeRiskFindings(analysis.variables, vars, (swapped) => template.render(swapped)));
  findings.push(...unusedFindings(analysis.variables, vars, analysis.walk.filters));
  return finish(findings, output);
}

function finish(findings: TemplateFinding[], output?: string): TemplateCheck {
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  const ok = !findings.some((f) => f.severity === 'error');
  return output === undefined ? { ok, findings } : { ok, output, findings };
}

function unknownNames(uses: readonly NameUse[], known: Readonly<Record<string, unknown>>, what: 'filter' | 'test'): TemplateFinding[] {
  const findings: TemplateFinding[] = [];
  for (const use of uses) {
    if (Object.hasOwn(known, use.name)) continue;
    const match = closestName(use.name, Object.keys(known));
    const fix = match === undefined ? `use a built-in ${what} or remove it` : `did you mean '${match}'?`;
    const where = what === 'filter' ? `| ${use.name}` : `is ${use.name}`;
    findings.push({ kind: 'unknown_filter', severity: 'error', line: use.line, column: use.column, message: `There is no ${what} named '${use.name}' (${where}), so every call that reaches it fails: ${fix}` });
  }
  return findings;
}

function faultFinding(kind: 'syntax' | 'render_error', error: unknown): TemplateFinding {
  if (!isTemplateError(error)) return { kind, severity: 'error', message: 'The template could not be compiled or rendered; simplify the part that fails.' };
  const position = error.line > 0 ? { line: error.line, column: error.column } : {};
  return { kind, severity: 'error', ...position, message: `${error.reason}; ${lowerFirst(error.hint)}` };
}

/**
 * `missing` and `null` findings, one per absent prefix (a missing `customer` is one finding, not one per field).
 * A read under a test of the absent part (`{% if customer %}{{ customer.first_name }}` without a
 * `customer`) is not reported: the caller hears nothing of it, as the fix in the message advises.
 */
function dataFindings(paths: readonly TemplateVariable[], variables: Record<string, unknown>, reads: readonly PathRead[]): TemplateFinding[] {
  const findings: TemplateFinding[] = [];
  const reported = new Set<string>();
  for (const variable of paths) {
    if (variable.hasDefault) continue;
    const state = resolvePath(variables, variable.path);
    if (state.state !== 'missing' && state.state !== 'null') continue;
    const absent = state.at;
    const skipped = reads.every((r) => r.path !== variable.path || r.covered || r.guardedBy.some((g) => isPathPrefix(absent, g)));
    if (skipped) continue;
    const key = `${state.state}:${state.at}:${state.item ?? ''}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const at = { path: variable.path, line: variable.line, column: variable.column };
    if (state.state === 'missing') findings.push({ kind: 'missing', severity: 'error', ...at, message: missingMessage(variable.path, state) });
    else findings.push({ kind: 'null', severity: 'warning', ...at, message: `${describe(state.at, state.item)} is null, so the caller would hear nothing${state.at === variable.path ? '' : ` for ${variable.path}`}: send a value, or write | default("…") where it is printed.` });
  }
  return findings;
}

function missingMessage(path: string, state: Extract<PathState, { state: 'missing' }>): string {
  const match = closestName(state.key, state.known);
  const guess = match === undefined ? '' : ` (did you mean '${match}'?)`;
  const item = state.item === undefined ? '' : ` in item ${state.item} (counting from 0)`;
  const what = state.at === path ? `${path} is missing${item}${guess}` : `${state.at} is missing${item}${guess}, so ${path} is empty`;
  // The most common slip of all: variables are top-level, there is no `context` namespace.
  if (state.at === 'context' && path.startsWith('context.')) return `${what}: variables are the answer's top-level keys, so write {{ ${path.slice('context.'.length)} }} instead of {{ ${path} }}.`;
  const fix = state.item === undefined ? 'add it to the variables, or write | default("…") or {% if ' + state.at + ' %} where it is read' : 'add it to every item, or write | default("…") where it is read';
  return `${what}: ${fix}.`;
}

function describe(at: string, item: number | undefined): string {
  return item === undefined ? at : `${at} in item ${item} (counting from 0)`;
}

/** Whether a value the template reads is a NaN or infinite number (which prints as `nan` or `inf`). */
function readsNonFinite(paths: readonly TemplateVariable[], variables: Record<string, unknown>): boolean {
  return paths.some((p) => valuesAt(variables, p.path).some((v) => typeof v === 'number' && !Number.isFinite(v)));
}

function timezoneFindings(variables: Record<string, unknown>): TemplateFinding[] {
  const zone = variables.timezone;
  if (zone === undefined || zone === null || findTimeZone(zone) !== undefined) return [];
  const shown = typeof zone === 'string' ? JSON.stringify(zone.slice(0, 40)) : `a ${typeof zone}`;
  return [{ kind: 'invalid_timezone', severity: 'warning', path: 'timezone', message: `timezone is ${shown}, not an IANA time zone name, so it is ignored and times are said in the agent's zone: send a name such as "America/New_York".` }];
}

function typeRiskFindings(paths: readonly TemplateVariable[], variables: Record<string, unknown>, render: (v: Record<string, unknown>) => unknown): TemplateFinding[] {
  return findTypeRisks(variables, paths, render).map(({ variable, now, reason }) => ({
    kind: 'type_risk', severity: 'warning', path: variable.path, line: variable.line, column: variable.column,
    message: now === 'number'
      ? `${variable.path} is a number here, and the render fails if the endpoint sends it as text (${reason}): make the endpoint always send a JSON number, or convert it with | float where it is used.`
      : `${variable.path} is text that reads as a number here, and the render fails if the endpoint sends a JSON number (${reason}): make the endpoint always send text, or convert it with | string where it is used.`,
  }));
}

/** What reads a valid `timezone` without naming it: the zone filters default to it, and the clock variables are said in it. */
const ZONED_VARIABLES = new Set(['current_datetime', 'current_date', 'current_time', 'time_of_day']);

function unusedFindings(paths: readonly TemplateVariable[], variables: Record<string, unknown>, filters: readonly NameUse[]): TemplateFinding[] {
  const read = new Set(paths.map((p) => splitPath(p.path)[0]));
  const zoned = filters.some((f) => ZONED_FILTERS.has(f.name)) || [...read].some((name) => name !== undefined && ZONED_VARIABLES.has(name));
  // An invalid zone is ignored (its own finding says so), so it stays unused.
  if (zoned && findTimeZone(variables.timezone) !== undefined) read.add('timezone');
  return Object.keys(variables)
    .filter((key) => !read.has(key))
    .sort()
    .map((key) => ({ kind: 'unused', severity: 'info', path: key, message: `${key} is in the variables but this template never reads it: use it, or drop it from the endpoint's answer if no other template does.` }));
}

function lowerFirst(text: string): string {
  return text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
}
