import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist, entryPoints, importsOf, isBuiltin, packageName, packagesLoadedBy, readPackageJson, ROOT } from '../helpers/dist.js';

const pkg = readPackageJson();
const dependencies = Object.keys(pkg.dependencies).sort();
const optionalPeers = Object.keys(pkg.peerDependencies ?? {}).filter((name) => pkg.peerDependenciesMeta?.[name]?.optional === true);

// Source files that are never built into dist/ and may import a dev dependency, with why.
const SOURCE_ONLY: Record<string, string> = {
  // The pool's worker when the library runs from source (vitest, tsx): loads .ts through tsx.
  'src/pool/dev-worker.mjs': 'tsx',
};

/** package name → source files that import it (bare, non-builtin, not the package itself). */
function sourceImports(): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.[cm]?[jt]s$/.test(f));
  for (const file of files) {
    const path = `src/${file}`;
    for (const specifier of importsOf(join(ROOT, path))) {
      if (specifier.startsWith('.')) continue;
      const name = packageName(specifier);
      if (isBuiltin(specifier) || name === pkg.name || SOURCE_ONLY[path] === name) continue;
      byPackage.set(name, [...(byPackage.get(name) ?? []), path]);
    }
  }
  return byPackage;
}

// Declared and deliberately never imported: the reason for each.
const PENDING: Record<string, string> = {
  // ClientOptions.tracer takes a Tracer typed structurally, so nothing of the API loads without
  // a tracer (test/telemetry); the peer states the API versions a tracer may come from.
  '@opentelemetry/api': 'passed in by the platform, never imported',
};

describe('dependencies hold exactly what src/ imports', () => {
  const imported = sourceImports();

  it('every package src/ imports is a dependency or an optional peer', () => {
    const undeclared = [...imported.keys()].filter((name) => !dependencies.includes(name) && !optionalPeers.includes(name));
    expect(imported.size).toBeGreaterThan(0);
    expect(undeclared.map((name) => `${name} (${imported.get(name)!.join(', ')})`)).toEqual([]);
  });

  it('every dependency is imported by src/', () => {
    expect(dependencies.filter((name) => !imported.has(name) && PENDING[name] === undefined)).toEqual([]);
  });

  it('every optional peer is imported by src/ (behind its own entry point)', () => {
    expect(optionalPeers.filter((name) => !imported.has(name) && PENDING[name] === undefined)).toEqual([]);
  });

});

describe('the built package loads only what it declares', () => {
  beforeAll(assertFreshDist);

  it.each(entryPoints())('$specifier loads dependencies and optional peers only', (entry) => {
    for (const file of [entry.esm, entry.cjs]) {
      const loaded = [...packagesLoadedBy(join(ROOT, file))];
      expect(loaded.filter((name) => !dependencies.includes(name) && !optionalPeers.includes(name)), file).toEqual([]);
    }
  });
});
