import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package, as other programs import it. CI builds before `npm test`; a local
// run without a build skips (and fails under CI, where dist/ must exist).
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`);
if (!built && process.env.CI) throw new Error('dist/ is missing: run `npm run build` before `npm test`');

const CONTRACT_VALUES = ['createContextClient', 'buildContextRequest', 'mergeContext', 'renderTemplate', 'ContextError', 'TemplateError'];
const CONTRACT_TYPES = ['DynamicContextConfig', 'CallInfo', 'ClientOptions', 'ContextClient', 'ContextResult', 'TestReport', 'ContextEvent'];

describe.skipIf(!built)('the built package', () => {
  it.each([
    { format: 'ESM', load: () => import(`${dist}index.js`) as Promise<Record<string, unknown>> },
    { format: 'CommonJS', load: async () => createRequire(import.meta.url)(`${dist}index.cjs`) as Record<string, unknown> },
  ])('exports every contract name as $format', async ({ load }) => {
    const api = await load();
    for (const name of CONTRACT_VALUES) expect(api[name], name).toBeTypeOf('function');
    const render = api.renderTemplate as (s: string, v: object) => string;
    expect(render('Hi {{ customer.first_name | default("there") }}', {})).toBe('Hi there');
  });

  it('declares every contract name in index.d.ts', () => {
    const declarations = readFileSync(`${dist}index.d.ts`, 'utf8');
    for (const name of [...CONTRACT_VALUES, ...CONTRACT_TYPES]) expect(declarations, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('runs the dynamic-context bin', () => {
    const version = execFileSync(process.execPath, [`${dist}cli.js`, '--version'], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.trim()).toContain(pkg.version);
  });
});
