import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, entryPoints, ROOT } from '../helpers/dist.js';

// What the template side may load: the nunjucks lexer under our parser, the compiled-template
// cache, and tinypool for createRenderPool (imported only when a pool is created).
// Anything of the network side (undici, zod, ipaddr.js) must stay out.
const TEMPLATE_SIDE_PACKAGES = ['nunjucks', 'lru-cache', 'tinypool'];

const IMPORT = /(?:^|[;\n])\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']|\brequire\(["']([^"']+)["']\)|\bimport\(["']([^"']+)["']\)/g;

/** Every bare specifier reachable from `file` through relative imports in dist/. */
function bareImports(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4]!;
    if (specifier.startsWith('.')) bareImports(resolve(dirname(file), specifier), seen, found);
    else found.add(specifier);
  }
  return found;
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

beforeAll(assertFreshDist);

describe('dynamic-context/template', () => {
  const template = entryPoints().find((entry) => entry.subpath === './template')!;

  it.each(['esm', 'cjs'] as const)('loads only the template side (%s)', (format) => {
    const packages = [...bareImports(join(ROOT, template[format]))].filter((s) => !isBuiltin(s)).map(packageName);
    expect(packages.length).toBeGreaterThan(0);
    expect(new Set(packages)).toEqual(new Set(TEMPLATE_SIDE_PACKAGES));
  });

  it('the import walk sees the network side of the main entry (so it can see it in the template one)', () => {
    const main = entryPoints().find((entry) => entry.subpath === '.')!;
    expect([...bareImports(join(ROOT, main.esm))].map(packageName)).toEqual(expect.arrayContaining(['undici', 'zod']));
  });
});
