import { TemplateError } from '../../errors.js';
import { compareStrings } from '../runtime/ops.js';
import { currentBudget } from '../limits.js';
import { Markup, PyFloat, TemplateObject, iteratorType } from '../runtime/types.js';
import { formatFloat, formatInt } from '../runtime/print.js';
import { isDict, typeName } from '../runtime/values.js';

/** Characters json.dumps(ensure_ascii) and htmlsafe escape that JSON.stringify leaves as they are. */
const ASCII_UNSAFE = /[^\x20-\x7e]|[<>&']/g;
const asUnicodeEscape = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * json.dumps string escaping with ensure_ascii, then htmlsafe's <, >, &, ' escapes. Native
 * JSON.stringify does the quoting and control characters (same lower-case forms as Python,
 * lone surrogates included); one regex pass does the rest. Linear: a loop of `out += ch`
 * grew a rope that cost 15x for 4x the text.
 */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(ASCII_UNSAFE, asUnicodeEscape);
}

function dump(v: unknown, indent: string | null, depth: number): string {
  if (depth > 500) throw new TemplateError('maximum recursion depth exceeded while encoding a JSON object');
  // Count output as it is produced: shared structure is exponential as text (F3).
  const budget = currentBudget();
  if (depth === 0) budget.printed = 0;
  budget.chargePrinted(2);
  switch (typeof v) {
    case 'string':
      budget.chargePrinted(v.length);
      return jsonString(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'number':
      if (Number.isInteger(v)) return formatInt(v);
      return v !== v ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : formatFloat(v);
  }
  // Undefined and null are both null in JSON (lenient): `{{ customer | tojson }}` with no customer.
  if (v === null || v === undefined) return 'null';
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (v instanceof Markup) return jsonString(v.text);
  const nl = indent === null ? '' : '\n' + indent.repeat(depth + 1);
  const end = indent === null ? '' : '\n' + indent.repeat(depth);
  const sep = indent === null ? ', ' : ',';
  if (Array.isArray(v) && iteratorType(v) === undefined) {
    if (!v.length) return '[]';
    return `[${nl}${v.map((x) => dump(x, indent, depth + 1)).join(sep + nl)}${end}]`;
  }
  if (isDict(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    if (!keys.length) return '{}';
    return `{${nl}${keys.map((key) => `${jsonString(key)}: ${dump(v[key], indent, depth + 1)}`).join(sep + nl)}${end}}`;
  }
  const name = v instanceof TemplateObject ? v.constructor.name : typeName(v);
  throw new TemplateError(`Object of type ${name} is not JSON serializable`);
}

/** Jinja2's tojson: sorted keys, ASCII only, HTML-sensitive characters as \uXXXX. */
export function toJson(v: unknown, indent: unknown): Markup {
  let ind: string | null = null;
  if (typeof indent === 'number') ind = ' '.repeat(Math.max(0, indent));
  else if (typeof indent === 'string') ind = indent;
  const out = dump(v, ind, 0);
  currentBudget().checkLength(out.length);
  return new Markup(out);
}
