import { TemplateError } from '../../errors.js';
import { currentBudget } from '../limits.js';
import { pyRepr, pyStr } from './print.js';
import { formatValue } from './format-spec.js';
import { getAttr, getItem } from './access.js';
import { Markup, type Kwargs } from './types.js';
import { checkName, isBlockedName } from './sandbox.js';
import { isDict, typeName } from './values.js';

/**
 * Python's `str.format(*args, **kwargs)`, lenient: None and undefined fields print as '' (padded
 * for a text spec, empty for a numeric one), and a name or key the arguments lack is undefined.
 * `escape` (Markup.format) applies to each field that is not Markup already.
 */
export function strFormat(format: string, args: readonly unknown[], kwargs: Kwargs, escape?: (s: string) => string, named: (name: string) => unknown = keywordLookup(kwargs)): string {
  let auto = 0;
  let manual = false;
  const lookup = (field: string): unknown => {
    const m = /^([^.[]*)(.*)$/s.exec(field)!;
    let value: unknown;
    const head = m[1];
    if (head === '') {
      if (manual) throw new TemplateError('cannot switch from manual field specification to automatic field numbering');
      if (auto >= args.length) throw new TemplateError(`IndexError: Replacement index ${auto} out of range for positional args tuple`);
      value = args[auto++];
    } else if (/^\d+$/.test(head)) {
      if (auto > 0) throw new TemplateError('cannot switch from automatic field numbering to manual field specification');
      manual = true;
      const i = Number(head);
      if (i >= args.length) throw new TemplateError(`IndexError: Replacement index ${i} out of range for positional args tuple`);
      value = args[i];
    } else {
      value = named(head);
    }
    const rest = /\.([^.[]+)|\[([^\]]+)\]/gy;
    let part: RegExpExecArray | null;
    while ((part = rest.exec(m[2])) !== null) {
      value = part[1] !== undefined ? formatAttr(value, part[1]) : getItem(value, /^\d+$/.test(part[2]) ? Number(part[2]) : part[2]);
    }
    return value;
  };
  const budget = currentBudget();
  budget.charge((format.length / 16) | 0);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === '}') {
      if (format[i + 1] !== '}') throw new TemplateError("Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      const next = nextBrace(format, i);
      out += format.slice(i, next);
      i = next;
      continue;
    }
    if (format[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = matchingBrace(format, i);
    const field = replaceField(format.slice(i + 1, end), lookup, escape);
    // Refused before the joined text grows past the bound; a tick per 16 characters built.
    budget.checkLength(out.length + field.length);
    budget.charge(1 + ((field.length / 16) | 0));
    out += field;
    i = end + 1;
  }
  return out;
}

/**
 * Names in `'{a}'.format(a=1)`: the call's own keywords (a null-prototype object the
 * compiler built). A name the call lacks formats as undefined (lenient): '{last}'.format(**customer).
 */
function keywordLookup(kwargs: Kwargs): (name: string) => unknown {
  return (name) => (kwargs && Object.hasOwn(kwargs, name) ? kwargs[name] : undefined);
}

/**
 * Names in `'{a}'.format_map(m)`: `m[name]` through the template's own sandboxed item
 * access, never a raw property read (issue 8: `'{prototype}'.format_map(range)` and the
 * internals of namespace, cycler and loop were readable). A dict gives its own keys only;
 * a name the mapping lacks is undefined, as in `.format`.
 */
export function mappingLookup(mapping: unknown): (name: string) => unknown {
  return (name) => {
    if (isBlockedName(name)) checkName(name);
    return isDict(mapping) ? (Object.hasOwn(mapping, name) ? mapping[name] : undefined) : getItem(mapping, name);
  };
}

function nextBrace(s: string, from: number): number {
  for (let j = from; j < s.length; j++) if (s[j] === '{' || s[j] === '}') return j;
  return s.length;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  throw new TemplateError("expected '}' before end of string");
}

function replaceField(field: string, lookup: (f: string) => unknown, escape?: (s: string) => string): string {
  let spec = '';
  let conv = '';
  const colon = indexOutsideBrackets(field, ':');
  if (colon >= 0) {
    spec = field.slice(colon + 1);
    field = field.slice(0, colon);
  }
  const bang = indexOutsideBrackets(field, '!');
  if (bang >= 0) {
    conv = field.slice(bang + 1);
    field = field.slice(0, bang);
    if (conv !== 'r' && conv !== 's' && conv !== 'a') throw new TemplateError(`Unknown conversion specifier ${conv}`);
  }
  // Nested fields in the spec, as in '{:{width}}'.
  if (spec.includes('{')) spec = spec.replace(/\{([^{}]*)\}/g, (_m, f: string) => pyStr(lookup(f)));
  let value = lookup(field);
  if (conv === 's') value = pyStr(value);
  else if (conv) value = value === null ? 'None' : pyRepr(value);
  const rv = formatValue(value, spec);
  return escape === undefined || value instanceof Markup ? rv : escape(rv);
}

function indexOutsideBrackets(s: string, ch: string): number {
  let inBracket = false;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '[') inBracket = true;
    else if (s[j] === ']') inBracket = false;
    else if (!inBracket && s[j] === ch) return j;
  }
  return -1;
}

/** Python's getattr as str.format uses it: a dict's keys are not attributes there. */
function formatAttr(value: unknown, name: string): unknown {
  const attr = isDict(value) && Object.hasOwn(value, name) ? undefined : getAttr(value, name);
  if (attr === undefined && value !== undefined && value !== null) {
    throw new TemplateError(`AttributeError: '${typeName(value)}' object has no attribute '${name}'`);
  }
  return attr;
}
