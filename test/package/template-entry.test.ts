import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, entryPoints, packagesLoadedBy, ROOT } from '../helpers/dist.js';

// What the template side may load: the nunjucks lexer under our parser, and tinypool for
// createRenderPool (imported only when a pool is created). The compiled-template cache is
// our own (src/template/bounded-cache.ts), so lru-cache stays on the network side.
// Anything of the network side (undici, zod, ipaddr.js) must stay out.
const TEMPLATE_SIDE_PACKAGES = ['nunjucks', 'tinypool'];

beforeAll(assertFreshDist);

describe('dynamic-context/template', () => {
  const template = entryPoints().find((entry) => entry.subpath === './template')!;

  it.each(['esm', 'cjs'] as const)('loads only the template side (%s)', (format) => {
    expect(packagesLoadedBy(join(ROOT, template[format]))).toEqual(new Set(TEMPLATE_SIDE_PACKAGES));
  });

  it('the import walk sees the network side of the main entry (so it can see it in the template one)', () => {
    const main = entryPoints().find((entry) => entry.subpath === '.')!;
    expect([...packagesLoadedBy(join(ROOT, main.esm))]).toEqual(expect.arrayContaining(['undici', 'zod']));
  });
});
