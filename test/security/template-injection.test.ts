import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// nunjucks is loaded and exercised BEFORE the library, so the "before" baseline is plain nunjucks.
import nunjucks from 'nunjucks';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAK, payloadSource, realmChanges, renderOutcome, snapshotRealm, type RenderOutcome } from './sandbox-probe.js';
import { renderInChild, type ChildResult } from '../helpers/render-in-child.js';

interface Payload {
  name: string;
  path: string;
  template?: string;
  build?: Array<[string, number]>;
  vars?: Record<string, unknown>;
  /** error: must throw TemplateError; harmless: must render (optionally `output`); any: either. */
  expect: 'error' | 'harmless' | 'any';
  output?: string;
  /** Run in a child process: the payload may run far longer than the bound. */
  isolate?: boolean;
  /** Id in docs/security-findings.md when the payload currently breaks a promise. */
  finding?: string;
}

// JSON.parse, not a JSON import: "__proto__" keys in vars must stay own data keys.
const PAYLOADS = JSON.parse(readFileSync(fileURLToPath(new URL('./payloads.json', import.meta.url)), 'utf8')) as Payload[];
const MAX_MS = 1000;
const OUTPUT_LIMIT = 256 * 1024;

function plainNunjucks(): string[] {
  const env = new nunjucks.Environment();
  return [
    env.renderString('{{ x }}|{{ missing.attr }}|{{ missing }}', { x: 'Tom & Jerry' }),
    env.renderString('{{ x.constructor.name }}', { x: 'a' }),
    // Plain nunjucks is the engine the issue warns about; it must stay exactly as it is.
    env.renderString('{{ range.constructor("return 6*7")() }}', {}),
    new nunjucks.Environment(null, { autoescape: true }).renderString('{{ x }}', { x: '<b>' }),
    JSON.stringify(Reflect.ownKeys(nunjucks.Environment.prototype).map(String)),
    JSON.stringify((nunjucks as unknown as { lexer: { lex(s: string): { nextToken(): unknown } } }).lexer.lex('{{ a.b }}').nextToken()),
  ];
}
const nunjucksBefore = plainNunjucks();

let renderTemplate: (source: string, vars: Record<string, unknown>) => string;
beforeAll(async () => {
  ({ renderTemplate } = await import('../../src/index.js'));
  renderTemplate('{{ warm }}', { warm: 1 });
});

function judge(payload: Payload, outcome: RenderOutcome, outputLength: number): void {
  expect(outcome.kind, `${outcome.errorName ?? ''}: ${outcome.text.slice(0, 200)}`).not.toBe('other_error');
  if (payload.expect === 'error') expect(outcome.kind, `rendered ${JSON.stringify(outcome.text.slice(0, 200))}`).toBe('template_error');
  if (payload.expect === 'harmless') expect(outcome.kind, outcome.text.slice(0, 200)).toBe('output');
  // An exact expected output is checked as such (it may legitimately echo words like "process").
  if (payload.output !== undefined && outcome.kind === 'output') expect(outcome.text).toBe(payload.output);
  if (outcome.kind === 'output') {
    if (payload.output === undefined) expect(outcome.text).not.toMatch(LEAK);
    expect(outputLength).toBeLessThanOrEqual(OUTPUT_LIMIT);
  }
  expect(outcome.durationMs, `took ${Math.round(outcome.durationMs)} ms`).toBeLessThan(MAX_MS);
}

describe('template injection and DoS corpus: in process', () => {
  it('has at least 40 payloads over every path', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
    const paths = new Set(PAYLOADS.map((p) => p.path));
    for (const path of ['attribute', 'subscript', 'filter', 'macro', 'call', 'set', 'loop', 'namespace', 'string-method', 'data', 'dos', 'source']) {
      expect(paths).toContain(path);
    }
  });

  it.each(PAYLOADS.filter((p) => !p.isolate).map((p) => [`${p.path}: ${p.name}`, p] as const))('%s', (_name, payload) => {
    const source = payloadSource(payload);
    const before = snapshotRealm();
    const outcome = renderOutcome(() => renderTemplate(source, payload.vars ?? {}));
    expect(realmChanges(before, snapshotRealm())).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    judge(payload, outcome, outcome.text.length);
    expect(renderTemplate('Hello {{ name }}!', { name: 'Ada' })).toBe('Hello Ada!');
  });
});

const ISOLATED = PAYLOADS.filter((p) => p.isolate);
// The child measures each render (the 1 s bound is asserted on that); the kill is only a
// backstop against a hang, generous enough for tsx startup on a loaded 2-core box.
const CHILD_KILL_MS = 30_000;
let childResults: Promise<Map<number, ChildResult>>;

describe('template injection and DoS corpus: isolated (long-running) payloads', () => {
  beforeAll(() => {
    childResults = renderInChild(ISOLATED.map((p) => ({ template: p.template, build: p.build, vars: p.vars })), CHILD_KILL_MS);
  });

  it.each(ISOLATED.map((p, i) => [`${p.path}: ${p.name}${p.finding ? ` [${p.finding}]` : ''}`, p, i] as const))('%s', async (_name, payload, index) => {
    const result = (await childResults).get(index);
    if (result === undefined) expect.fail(`render did not finish before the child was killed at ${CHILD_KILL_MS} ms; the bound is ${MAX_MS} ms`);
    expect(result.changes).toEqual([]);
    expect(result.next).toBe('Hello Ada!');
    judge(payload, result.outcome, result.length);
  }, CHILD_KILL_MS + 5000);
});

describe('nunjucks for other users in the same process', () => {
  it('renders exactly as before the library was loaded and used', () => {
    for (const p of PAYLOADS.filter((q) => !q.isolate).slice(0, 20)) {
      try {
        renderTemplate(payloadSource(p), p.vars ?? {});
      } catch {
        // Only the side effects matter here.
      }
    }
    expect(nunjucksBefore[0]).toBe('Tom &amp; Jerry||'); // plain nunjucks autoescapes by default
    expect(nunjucksBefore[2]).toBe('42');
    expect(plainNunjucks()).toEqual(nunjucksBefore);
  });
});
