/**
 * Python's pprint.pformat (width 80, indent 1, sort_dicts), which Jinja2's `| pprint` calls:
 * a port of PrettyPrinter._format and its dict/list/tuple/str dispatch (CPython 3.11).
 * Everything else (Markup, numbers, views, iterators, objects) prints as its repr, unwrapped,
 * as in Python, where only types whose __repr__ is the builtin one are dispatched.
 */
import { GROUP_TUPLE, DICT_VIEW, PY_NONE, iteratorType, isTuple } from './types.js';
import { isDict } from './values.js';
import { compareStrings } from './ops.js';
import { pyRepr, reprString } from './print.js';
import { pySplitlines, WS } from './text.js';
import { currentBudget } from '../limits.js';

const WIDTH = 80;
const MAX_DEPTH = 200;
/** Python's `\S*\s*` with str.isspace() whitespace. */
const WORDS = new RegExp(`[^${WS}]*[${WS}]*`, 'g');

/** A repr and its length in code points (Python's len, which the width rules use). */
interface Rep {
  s: string;
  n: number;
}

type Kind = 'dict' | 'list' | 'tuple' | 'str' | undefined;

function kindOf(v: unknown): Kind {
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) {
    if (iteratorType(v) !== undefined) return undefined;
    const marks = v as unknown as Record<symbol, unknown>;
    if (marks[DICT_VIEW] !== undefined || marks[GROUP_TUPLE] !== undefined) return undefined;
    return isTuple(v) ? 'tuple' : 'list';
  }
  return isDict(v) ? 'dict' : undefined;
}

function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) n--;
  }
  return n;
}

function sortedKeys(d: Record<string, unknown>): string[] {
  return Object.keys(d).sort(compareStrings);
}

/** Length of a str's repr body under each quote, and whether it holds each quote (repr picks one). */
interface Body {
  single: number;
  double: number;
  hasSingle: boolean;
  hasDouble: boolean;
}
const EMPTY: Body = { single: 0, double: 0, hasSingle: false, hasDouble: false };
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** What repr(part) costs, computed once per word so the word loop stays linear. */
function measure(part: string): Body {
  let sq = 0;
  let dq = 0;
  let backslashes = 0;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c === 39) sq++;
    else if (c === 34) dq++;
    else if (c === 92) backslashes++;
  }
  // repr escapes only the quote it chose; take the body length without quote escapes.
  const bare = PRINTABLE_ASCII.test(part) ? part.length + backslashes : bareLength(part, sq, dq);
  return { single: bare + sq, double: bare + dq, hasSingle: sq > 0, hasDouble: dq > 0 };
}

function bareLength(part: string, sq: number, dq: number): number {
  const rep = reprString(part);
  return cpLength(rep) - 2 - (rep[0] === '"' ? dq : sq);
}

function joinSize(a: Body, b: Body): Body {
  return { single: a.single + b.single, double: a.double + b.double, hasSingle: a.hasSingle || b.hasSingle, hasDouble: a.hasDouble || b.hasDouble };
}

function reprLength(b: Body): number {
  return 2 + (b.hasSingle && !b.hasDouble ? b.double : b.single);
}

class Printer {
  private readonly out: string[] = [];
  private length = 0;
  private readonly memo = new Map<object, Rep>();
  private readonly active = new Set<object>();
  private readonly budget = currentBudget();

  run(v: unknown): string {
    this.format(v, 0, 0, 0);
    return this.out.join('');
  }

  private write(s: string): void {
    this.length += s.length;
    if (this.length > this.budget.limits.maxOutputLength) this.budget.checkLength(this.length);
    this.out.push(s);
  }

  /** _safe_repr: the one-line form, dict keys sorted; memoised so nested levels don't redo it. */
  private flat(v: unknown, depth: number): Rep {
    const kind = kindOf(v);
    if (kind === 'str') {
      const s = reprString(v as string);
      return { s, n: cpLength(s) };
    }
    if (kind === undefined) {
      const s = v === null || v === PY_NONE ? 'None' : pyRepr(v);
      return { s, n: cpLength(s) };
    }
    const obj = v as object;
    const known = this.memo.get(obj);
    if (known) return known;
    if (this.active.has(obj)) return { s: kind === 'dict' ? '{...}' : kind === 'list' ? '[...]' : '(...)', n: 5 };
    if (depth > MAX_DEPTH) return { s: '...', n: 3 };
    this.active.add(obj);
    const parts: string[] = [];
    let n = 0;
    try {
      if (kind === 'dict') {
        const d = v as Record<string, unknown>;
        for (const key of sortedKeys(d)) {
          const k = reprString(key);
          const item = this.flat(d[key], depth + 1);
          parts.push(`${k}: ${item.s}`);
          n += cpLength(k) + 2 + item.n;
          this.budget.checkLength(n);
        }
      } else {
        for (const x of v as unknown[]) {
          const item = this.flat(x, depth + 1);
          parts.push(item.s);
          n += item.n;
          this.budget.checkLength(n);
        }
      }
    } finally {
      this.active.delete(obj);
    }
    n += parts.length > 1 ? 2 * (parts.length - 1) : 0;
    const body = parts.join(', ');
    const rep =
      kind === 'dict' ? { s: `{${body}}`, n: n + 2 }
      : kind === 'list' ? { s: `[${body}]`, n: n + 2 }
      : parts.length === 1 ? { s: `(${body},)`, n: n + 3 }
      : { s: `(${body})`, n: n + 2 };
    this.budget.checkLength(rep.n);
    this.memo.set(obj, rep);
    return rep;
  }

  private format(v: unknown, indent: number, allowance: number, level: number): void {
    const rep = this.flat(v, level);
    const kind = rep.n > WIDTH - indent - allowance && level <= MAX_DEPTH ? kindOf(v) : undefined;
    if (kind === undefined) return this.write(rep.s);
    if (kind !== 'str' && this.active.has(v as object)) return this.write(kind === 'dict' ? '{...}' : kind === 'list' ? '[...]' : '(...)');
    const obj = kind === 'str' ? undefined : (v as object);
    if (obj) this.active.add(obj);
    try {
      if (kind === 'dict') {
        this.write('{');
        const d = v as Record<string, unknown>;
        const keys = sortedKeys(d);
        if (keys.length) this.dictItems(d, keys, indent, allowance + 1, level + 1);
        this.write('}');
      } else if (kind === 'list') {
        this.write('[');
        this.items(v as unknown[], indent, allowance + 1, level + 1);
        this.write(']');
      } else if (kind === 'tuple') {
        const end = (v as unknown[]).length === 1 ? ',)' : ')';
        this.write('(');
        this.items(v as unknown[], indent, allowance + end.length, level + 1);
        this.write(end);
      } else {
        this.str(v as string, indent, allowance, level + 1);
      }
    } finally {
      if (obj) this.active.delete(obj);
    }
  }

  private dictItems(d: Record<string, unknown>, keys: string[], indent: number, allowance: number, level: number): void {
    indent += 1;
    const delim = ',\n' + ' '.repeat(indent);
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const k = reprString(key);
      this.write(k);
      this.write(': ');
      this.format(d[key], indent + cpLength(k) + 2, last ? allowance : 1, level);
      if (!last) this.write(delim);
    });
  }

  private items(list: readonly unknown[], indent: number, allowance: number, level: number): void {
    indent += 1;
    const delim = ',\n' + ' '.repeat(indent);
    list.forEach((x, i) => {
      if (i > 0) this.write(delim);
      this.format(x, indent, i === list.length - 1 ? allowance : 1, level);
    });
  }

  /** _pprint_str: long text becomes adjacent literals split after whitespace, one per line. */
  private str(s: string, indent: number, allowance: number, level: number): void {
    if (s === '') return this.write("''");
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    const chunks: string[] = [];
    const lines = pySplitlines(s, true);
    const maxWidth = WIDTH - indent;
    lines.forEach((line, i) => {
      const lastLine = i === lines.length - 1;
      const rep = reprString(line);
      if (cpLength(rep) <= maxWidth - (lastLine ? allowance : 0)) {
        chunks.push(rep);
        return;
      }
      const parts = line.match(WORDS)!;
      parts.pop();
      let current = '';
      let size: Body = EMPTY;
      parts.forEach((part, j) => {
        const partSize = measure(part);
        const candidate = joinSize(size, partSize);
        const width = maxWidth - (lastLine && j === parts.length - 1 ? allowance : 0);
        if (reprLength(candidate) > width) {
          if (current) chunks.push(reprString(current));
          current = part;
          size = partSize;
        } else {
          current += part;
          size = candidate;
        }
      });
      if (current) chunks.push(reprString(current));
    });
    if (chunks.length === 1) return this.write(chunks[0]);
    if (level === 1) this.write('(');
    chunks.forEach((c, i) => {
      if (i > 0) this.write('\n' + ' '.repeat(indent));
      this.write(c);
    });
    if (level === 1) this.write(')');
  }
}

/** pprint.pformat(v): Python's pretty printer at width 80, stopped at the output bound. */
export function pformat(v: unknown): string {
  return new Printer().run(v);
}
