import { TemplateError } from '../../errors.js';
import { compareStrings } from '../runtime/ops.js';
import { currentBudget } from '../limits.js';
import { Markup, PY_NONE, PyFloat, TemplateObject, iteratorType } from '../runtime/types.js';
import { formatFloat, formatInt } from '../runtime/print.js';
import { isDict, typeName } from '../runtime/values.js';

/** json.dumps string escaping with ensure_ascii, then htmlsafe's <, >, &, ' escapes. */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e || ch === '<' || ch === '>' || ch === '&' || ch === "'") out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
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
  if (v === null || v === PY_NONE) return 'null';
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
