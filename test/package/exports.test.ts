import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestServer } from '../helpers/test-server.js';
import { assertFreshDist, entryPoints, readPackageJson, ROOT } from '../helpers/dist.js';

// The built package, as other programs import it: test/global-build.ts builds dist/ when it
// is missing or stale, and these tests fail (never skip) if it still is.
beforeAll(assertFreshDist);

const CONTRACT_VALUES = ['createContextClient', 'buildContextRequest', 'mergeContext', 'renderTemplate', 'ContextError', 'TemplateError'];
const CONTRACT_TYPES = ['DynamicContextConfig', 'CallInfo', 'ClientOptions', 'ContextClient', 'ContextResult', 'TestReport', 'ContextEvent'];
const TEMPLATE_VALUES = ['renderTemplate', 'compileTemplate', 'TemplateError', 'isTemplateError'];

/** Names each entry point must export (at least); an entry not listed here must export something. */
const REQUIRED: Record<string, { values: string[]; types: string[] }> = {
  '.': { values: CONTRACT_VALUES, types: CONTRACT_TYPES },
  './template': { values: TEMPLATE_VALUES, types: ['CompiledTemplate', 'TemplateOptions', 'RenderLimits'] },
};

const loaders = [
  { format: 'ESM', file: (e: ReturnType<typeof entryPoints>[number]) => e.esm, load: (path: string) => import(path) as Promise<Record<string, unknown>> },
  { format: 'CommonJS', file: (e: ReturnType<typeof entryPoints>[number]) => e.cjs, load: async (path: string) => createRequire(import.meta.url)(path) as Record<string, unknown> },
];

describe.each(entryPoints())('the built entry point $specifier', (entry) => {
  const required = REQUIRED[entry.subpath] ?? { values: [], types: [] };

  it.each(loaders)('loads as $format with its names', async ({ file, load }) => {
    const api = await load(join(ROOT, file(entry)));
    expect(Object.keys(api).length).toBeGreaterThan(0);
    for (const name of required.values) expect(api[name], name).toBeTypeOf('function');
    if (typeof api.renderTemplate === 'function') {
      const render = api.renderTemplate as (s: string, v: object) => string;
      expect(render('Hi {{ customer.first_name | default("there") }}', {})).toBe('Hi there');
    }
  });

  it.each([
    { format: 'ESM', types: entry.esmTypes },
    { format: 'CommonJS', types: entry.cjsTypes },
  ])('declares its names for $format', ({ types }) => {
    const declarations = readFileSync(join(ROOT, types), 'utf8');
    expect(declarations).toMatch(/\bexport\b/);
    for (const name of [...required.values, ...required.types]) expect(declarations, name).toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe('the built package', () => {
  it('exports from dynamic-context every value dynamic-context/template exports (README: "Everything below is exported from dynamic-context")', async () => {
    const [main, template] = ['.', './template'].map((subpath) => entryPoints().find((e) => e.subpath === subpath)!);
    for (const format of ['esm', 'cjs'] as const) {
      const load = loaders[format === 'esm' ? 0 : 1]!.load;
      const a = await load(join(ROOT, main![format]));
      const b = await load(join(ROOT, template![format]));
      expect(Object.keys(b).filter((name) => a[name] !== b[name]), format).toEqual([]);
    }
  });

  it('shares one engine between entry points: a TemplateError from one is an instance of the other', async () => {
    const [main, template] = ['.', './template'].map((subpath) => entryPoints().find((e) => e.subpath === subpath)!);
    for (const format of ['esm', 'cjs'] as const) {
      const load = loaders[format === 'esm' ? 0 : 1]!.load;
      const a = await load(join(ROOT, main![format]));
      const b = await load(join(ROOT, template![format]));
      expect(b.TemplateError, format).toBe(a.TemplateError);
    }
  });

  it('sends User-Agent dynamic-context/<version>, the version inlined by the build', async () => {
    const seen: Array<string | undefined> = [];
    const server = await createTestServer((req, res) => {
      seen.push(req.headers['user-agent']);
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
    onTestFinished(server.close);
    const api = (await import(join(ROOT, entryPoints()[0]!.esm))) as typeof import('../../src/index.js');
    const client = api.createContextClient({ endpoint: server.url }, { allowHttp: true, allowPrivateNetwork: true });
    onTestFinished(() => client.close());
    await client.fetch({ agentUuid: 'agent-1', direction: 'inbound', roomSid: 'RM1' });
    expect(seen).toEqual([`dynamic-context/${readPackageJson().version}`]);
    expect(readFileSync(join(ROOT, entryPoints()[0]!.esm), 'utf8')).not.toContain('__DYNAMIC_CONTEXT_VERSION__');
  });

  it('runs the dynamic-context bin', () => {
    const pkg = readPackageJson();
    const version = execFileSync(process.execPath, [join(ROOT, pkg.bin['dynamic-context']!), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toContain(pkg.version);
  });
});
