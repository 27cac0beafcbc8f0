import { readFileSync } from 'node:fs';

// Replaced by the build (tsup `define`) with package.json's version as a string literal.
declare const __DYNAMIC_CONTEXT_VERSION__: string | undefined;

/** The package's version: inlined by the build, read from package.json when run from source. */
export const VERSION: string =
  typeof __DYNAMIC_CONTEXT_VERSION__ === 'string' ? __DYNAMIC_CONTEXT_VERSION__ : readSourceVersion();

function readSourceVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** What every request says it is: `User-Agent: dynamic-context/<version>`. */
export const USER_AGENT = `dynamic-context/${VERSION}`;
