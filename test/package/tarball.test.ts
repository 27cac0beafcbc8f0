import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryPoints, readPackageJson, ROOT } from '../helpers/dist.js';
import { packAndInstall, type ScratchInstall } from './scratch-install.js';

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

// One script per module system, importing every entry point by its public specifier.
const renderCheck = `if (typeof api.renderTemplate === 'function' && api.renderTemplate('Hi {{ n | default("there") }}', {}) !== 'Hi there') throw new Error(specifier + ': renderTemplate');`;
const ESM_SCRIPT = `
for (const specifier of ${JSON.stringify(entries.map((e) => e.specifier))}) {
  const api = await import(specifier);
  if (Object.keys(api).length === 0) throw new Error(specifier + ' exports nothing');
  ${renderCheck}
  console.log(specifier, Object.keys(api).length);
}`;
const CJS_SCRIPT = `
for (const specifier of ${JSON.stringify(entries.map((e) => e.specifier))}) {
  const api = require(specifier);
  if (Object.keys(api).length === 0) throw new Error(specifier + ' exports nothing');
  ${renderCheck}
  console.log(specifier, Object.keys(api).length);
}`;

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

describe('the packed package, installed from its tarball', { timeout: 60_000 }, () => {
  it('holds a built dist/ with every "exports" target and bin, a LICENSE, and no source maps', () => {
    const files = new Set(install.packedFiles);
    const targets = [...entries.flatMap((e) => [e.esm, e.esmTypes, e.cjs, e.cjsTypes]), ...Object.values(pkg.bin)];
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ''));
    expect(files).toContain('LICENSE');
    expect([...files].filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('runs an ESM script that imports every entry point', async () => {
    writeFileSync(join(install.project, 'consumer.mjs'), ESM_SCRIPT);
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: install.project });
    for (const entry of entries) expect(stdout).toMatch(new RegExp(`^${entry.specifier} \\d+$`, 'm'));
  });

  it('runs a CommonJS script that requires every entry point', async () => {
    writeFileSync(join(install.project, 'consumer.cjs'), CJS_SCRIPT);
    const { stdout } = await run(process.execPath, ['consumer.cjs'], { cwd: install.project });
    for (const entry of entries) expect(stdout).toMatch(new RegExp(`^${entry.specifier} \\d+$`, 'm'));
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

  it('links the dynamic-context bin, which prints the version', async () => {
    const { stdout } = await run(join(install.project, 'node_modules/.bin/dynamic-context'), ['--version'], { cwd: install.project });
    expect(stdout.trim()).toContain(pkg.version);
  });
});
