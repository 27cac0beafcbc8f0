import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The library's entry points: dist name → source. Each is a subpath in package.json
 * "exports" (`index` is "."), built as ESM + CJS + types with shared chunks, so
 * `dynamic-context` and `dynamic-context/template` load one copy of the engine.
 * Add an entry here and in "exports"; test/package/ iterates over "exports".
 */
export const LIBRARY_ENTRIES: Record<string, string> = {
  index: 'src/index.ts',
  template: 'src/entries/template.ts',
  redis: 'src/entries/redis.ts',
};

// The CLI must not carry a second copy of the library: an import that resolves to a
// library entry's source becomes an import of that entry's built file beside cli.js.
const entrySources = new Map(Object.entries(LIBRARY_ENTRIES).map(([name, src]) => [resolve(src), name]));
const externalLibrary: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'external-library-entries',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const name = entrySources.get(resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
      return name === undefined ? undefined : { path: `./${name}.js`, external: true };
    });
  },
};

// src/version.ts: the version goes into the User-Agent header, inlined so nothing reads
// package.json at run time.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const define = { __DYNAMIC_CONTEXT_VERSION__: JSON.stringify(version) };

export default defineConfig([
  {
    // render-worker: the script each createRenderPool worker runs, found beside the entry
    // that starts the pool; not a public subpath, so not in LIBRARY_ENTRIES.
    entry: { ...LIBRARY_ENTRIES, 'render-worker': 'src/pool/render-worker.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    // p-timeout ships ESM only: bundled (2.6 KB), so the CommonJS build needs no require(esm).
    noExternal: ['p-timeout'],
    // import.meta.url in the CommonJS chunks (createRenderPool finds its worker script with it).
    shims: true,
    // No source maps: dist is not minified, so stack traces already show our own code and
    // names; maps tripled the tarball (README, "Package contents").
    sourcemap: false,
    clean: true,
    target: 'node20',
    define,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define,
    esbuildPlugins: [externalLibrary],
  },
]);
