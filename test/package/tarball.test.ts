import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPoints, packagesLoadedBy, readPackageJson, ROOT, type EntryPoint } from '../helpers/dist.js';
import { installPeers, packAndInstall, type ScratchInstall } from './scratch-install.js';

const run = promisify(execFile);
const pkg = readPackageJson();
const entries = entryPoints(pkg);

// `npm pack` of a clone without dist/ (prepare builds it), installed into a scratch project:
// what a user of the registry, a git URL or a tarball gets. Packing builds the package
// (~15 s), so this file has its own long budget.
let install: ScratchInstall;
beforeAll(async () => {
  install = await packAndInstall();
}, 240_000);
afterAll(() => install?.remove());

// One script per module system, loading entry points by their public specifiers.
const renderCheck = `if (typeof api.renderTemplate === 'function' && api.renderTemplate('Hi {{ n | default("there") }}', {}) !== 'Hi there') throw new Error(specifier + ': renderTemplate');`;
const consumerScript = (specifiers: string[], load: string) => `
for (const specifier of ${JSON.stringify(specifiers)}) {
  const api = ${load};
  if (Object.keys(api).length === 0) throw new Error(specifier + ' exports nothing');
  ${renderCheck}
  console.log(specifier, Object.keys(api).length);
}`;

// npm does not install optional peers: an entry point that loads one (dynamic-context/redis
// loads redis) is run once its peer is installed, as its users do; the others before.
const optionalPeers = new Set(Object.keys(pkg.peerDependenciesMeta ?? {}).filter((name) => pkg.peerDependenciesMeta![name]!.optional));
const peersOf = (entry: EntryPoint) => [...packagesLoadedBy(join(ROOT, entry.esm))].filter((name) => optionalPeers.has(name));
const phases = [
  { name: 'without optional peers', entries: entries.filter((e) => peersOf(e).length === 0), peers: [] as string[] },
  { name: 'with the optional peers they load', entries: entries.filter((e) => peersOf(e).length > 0), peers: [...new Set(entries.flatMap(peersOf))] },
];

// Strict TypeScript in both module systems, against the installed .d.ts/.d.cts files.
const TYPES_ESM = [
  ...entries.map((e, i) => `import * as entry${i} from '${e.specifier}';\nexport const names${i}: string[] = Object.keys(entry${i});`),
  `import { createContextClient, renderTemplate, type ContextResult } from '${pkg.name}';`,
  `interface Vars { customer: { first_name: string } }`,
  `const vars: Vars = { customer: { first_name: 'Maria' } };`,
  `export const text: string = renderTemplate('Hi {{ customer.first_name }}', vars);`,
  `export async function load(): Promise<ContextResult> {`,
  `  return createContextClient({ endpoint: 'https://crm.example.com/context' }).load({ agentUuid: 'a', direction: 'inbound', roomSid: 'r' });`,
  `}`,
].join('\n');
const TYPES_CJS = entries.map((e, i) => `import entry${i} = require('${e.specifier}');\nexport const names${i}: string[] = Object.keys(entry${i});`).join('\n');
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    noEmit: true,
    // As most projects set it; a declaration that resolves wrongly still fails, in the consumer files.
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
  },
  files: ['consumer.mts', 'consumer.cts'],
};

// The README's ```ts samples, each as its own module, type-checked against the installed package.
// The names a sample uses without declaring them (the reader's own: a token, the request,
// a logger) are declared once, globally; what a sample declares itself shadows them.
const README_SAMPLES = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const README_GLOBALS = `
type DC = typeof import('${pkg.name}');
declare const token: string, agentUuid: string, roomSid: string, promptSource: string, greetingSource: string, rawBody: string;
declare const hangup: AbortController;
declare const log: { warn(...args: unknown[]): void };
declare function publish(snapshot: unknown): void;
declare const req: { headers: import('node:http').IncomingHttpHeaders };
declare const result: import('${pkg.name}').ContextResult;
declare const client: import('${pkg.name}').ContextClient;
declare const call: import('${pkg.name}').CallInfo;
declare const config: import('${pkg.name}').DynamicContextConfig, tenantConfig: import('${pkg.name}').DynamicContextConfig;
declare const analyzeTemplate: DC['analyzeTemplate'], checkTemplate: DC['checkTemplate'], createContextClient: DC['createContextClient'];
`;
// Samples that import what the README says users install next to it (redis, standardwebhooks, the OpenTelemetry API).
const README_SAMPLE_PACKAGES = ['redis', 'standardwebhooks', '@opentelemetry/api'];

describe('the packed package, installed from its tarball', { timeout: 60_000 }, () => {
  it('holds a built dist/ with every "exports" target and bin, a LICENSE, and no source maps', () => {
    const files = new Set(install.packedFiles);
    const targets = [...entries.flatMap((e) => [e.esm, e.esmTypes, e.cjs, e.cjsTypes]), ...Object.values(pkg.bin)];
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ''));
    expect(files).toContain('LICENSE');
    expect([...files].filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it.each(phases)('runs ESM and CommonJS scripts that load every entry point $name', async ({ entries: phase, peers }) => {
    installPeers(install, peers);
    const specifiers = phase.map((e) => e.specifier);
    writeFileSync(join(install.project, 'consumer.mjs'), consumerScript(specifiers, 'await import(specifier)'));
    writeFileSync(join(install.project, 'consumer.cjs'), consumerScript(specifiers, 'require(specifier)'));
    for (const script of ['consumer.mjs', 'consumer.cjs']) {
      const { stdout } = await run(process.execPath, [script], { cwd: install.project });
      expect(stdout.trim().split('\n').map((line) => line.split(' ')[0]), script).toEqual(specifiers);
    }
  });

  it('covers every entry point in package.json "exports" in one of those runs', () => {
    expect(phases.flatMap((p) => p.entries.map((e) => e.subpath)).sort()).toEqual(entries.map((e) => e.subpath).sort());
    expect(phases[0]!.entries.map((e) => e.subpath)).toEqual(expect.arrayContaining(['.', './template']));
  });

  it('type-checks ESM and CommonJS consumers under strict tsc', async () => {
    writeFileSync(join(install.project, 'consumer.mts'), TYPES_ESM);
    writeFileSync(join(install.project, 'consumer.cts'), TYPES_CJS);
    writeFileSync(join(install.project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: install.project }).catch(
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
    );
    expect(tsc.stdout).toBe('');
  });

  it("type-checks the README's TypeScript samples under strict tsc", async () => {
    expect(README_SAMPLES.length).toBeGreaterThanOrEqual(8);
    installPeers(install, README_SAMPLE_PACKAGES);
    const files = README_SAMPLES.map((sample, i) => {
      writeFileSync(join(install.project, `readme-${i}.mts`), `${sample}\nexport {};\n`);
      return `readme-${i}.mts`;
    });
    writeFileSync(join(install.project, 'readme-globals.d.ts'), README_GLOBALS);
    writeFileSync(join(install.project, 'tsconfig.readme.json'), JSON.stringify({ ...TSCONFIG, files: ['readme-globals.d.ts', ...files] }));
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.readme.json'], { cwd: install.project }).catch(
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
    );
    expect(tsc.stdout).toBe('');
  });

  it('links the dynamic-context bin, which prints the version', async () => {
    const { stdout } = await run(join(install.project, 'node_modules/.bin/dynamic-context'), ['--version'], { cwd: install.project });
    expect(stdout.trim()).toContain(pkg.version);
  });
});
