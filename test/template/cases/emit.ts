/**
 * Prints every corpus source case as one JSON array on stdout, for oracle.py.
 * Refuses cases that JSON would not carry faithfully (see the oracle README):
 * integer-like object keys, and non-finite numbers; ids must be unique.
 */
import type { SourceCase } from './define.js';
import * as voice from './voice.js';
import * as filters from './filters.js';
import * as tests from './tests.js';
import * as python from './python.js';
import * as syntax from './syntax.js';
import * as whitespace from './whitespace.js';
import * as missing from './missing.js';
import * as errors from './errors.js';
import * as shadowing from './shadowing.js';
import * as pythonValues from './python-values.js';
import * as lenient from './lenient.js';

const modules = [voice, missing, python, filters, tests, syntax, whitespace, shadowing, pythonValues, errors, lenient];
const all: SourceCase[] = modules.flatMap((m) => Object.values(m).flat() as SourceCase[]);

function checkValue(value: unknown, where: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${where}: non-finite number`);
  if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, `${where}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/^(0|[1-9]\d*)$/.test(k)) throw new Error(`${where}: integer-like key ${JSON.stringify(k)} (JavaScript reorders it)`);
      checkValue(v, `${where}.${k}`);
    }
  }
}

const seen = new Set<string>();
for (const c of all) {
  if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
  seen.add(c.id);
  checkValue(c.vars, c.id);
}
process.stdout.write(`${JSON.stringify(all, null, 1)}\n`);
