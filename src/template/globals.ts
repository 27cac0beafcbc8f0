import { TemplateError } from '../errors.js';
import { currentBudget } from './limits.js';
import { DICT_VIEW, TemplateObject, markCallable, type Kwargs, type PyCallable } from './runtime/types.js';
import { bindArgs, positional } from './runtime/args.js';
import { anyAbsent } from './runtime/lenient.js';
import { checkName } from './runtime/sandbox.js';
import { updateDict } from './runtime/collection-methods.js';
import { pyRepr, pyStr } from './runtime/print.js';
import { isInt, typeName } from './runtime/values.js';

function intArg(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (!isInt(v)) throw new TemplateError(`'${typeName(v)}' object cannot be interpreted as an integer`);
  return v;
}

/** Python's range(), bounded by the render budget. */
export function pyRange(args: unknown[], kwargs: Kwargs): number[] {
  positional('range', args, kwargs, 1, 3);
  const [start, stop, step] = args.length === 1 ? [0, intArg(args[0]), 1] : [intArg(args[0]), intArg(args[1]), args.length > 2 ? intArg(args[2]) : 1];
  if (step === 0) throw new TemplateError('range() arg 3 must not be zero');
  const size = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
  const budget = currentBudget();
  budget.checkRange(Math.max(0, size));
  budget.charge(Math.max(0, size));
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(start + i * step);
  Object.defineProperty(out, DICT_VIEW, { value: `range(${start}, ${stop}${step === 1 ? '' : `, ${step}`})` });
  return out;
}

/** `cycler(a, b, …)`: `.next()`, `.current`, `.reset()`. */
export class Cycler extends TemplateObject {
  private pos = 0;
  constructor(readonly items: readonly unknown[]) {
    super();
    if (items.length === 0) throw new TemplateError('at least one item has to be provided');
  }
  getAttribute(name: string): unknown {
    switch (name) {
      case 'current': return this.items[this.pos];
      case 'items': return this.items.slice();
      case 'pos': return this.pos;
      case 'next': return markCallable('next', (a, k) => {
        positional('next', a, k, 0, 0);
        const v = this.items[this.pos];
        this.pos = (this.pos + 1) % this.items.length;
        return v;
      });
      case 'reset': return markCallable('reset', (a, k) => (positional('reset', a, k, 0, 0), (this.pos = 0), null));
    }
    return undefined;
  }
  toPyString(): string {
    return '<jinja2.utils.Cycler object>';
  }
}

/** `namespace(…)`: the one object `{% set ns.attr = … %}` may write. */
export class Namespace extends TemplateObject {
  private readonly attrs: Record<string, unknown> = Object.create(null);
  constructor(initial: Record<string, unknown>) {
    super();
    for (const key of Object.keys(initial)) this.setAttribute(key, initial[key]);
  }
  getAttribute(name: string): unknown {
    return this.attrs[name];
  }
  setAttribute(name: string, value: unknown): void {
    checkName(name);
    this.attrs[name] = value;
  }
  toPyString(): string {
    const parts = Object.keys(this.attrs).map((k) => `${pyRepr(k)}: ${pyRepr(this.attrs[k])}`);
    return `<Namespace {${parts.join(', ')}}>`;
  }
}

/** `joiner(sep)`: a callable that returns '' the first time, then `sep`. */
function makeJoiner(args: unknown[], kwargs: Kwargs): PyCallable {
  const [sep] = bindArgs('joiner', ['sep'], [', '], args, kwargs);
  let used = false;
  return markCallable('joiner', (a, k) => {
    positional('joiner', a, k, 0, 0);
    if (used) return sep;
    used = true;
    return '';
  });
}

/** dict(mapping or pairs, **kwargs). */
function makeDict(args: unknown[], kwargs: Kwargs): Record<string, unknown> {
  positional('dict', args, undefined, 0, 1);
  const out: Record<string, unknown> = {};
  updateDict(out, args[0], kwargs, pyStr);
  return out;
}

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum'.split(' ');

/** Longest word of WORDS, plus the space after it: bounds a paragraph's length. */
const LONGEST_WORD = Math.max(...WORDS.map((w) => w.length)) + 1;

/**
 * lipsum(n=5, html=True, min=20, max=100): random placeholder text, like Jinja2's. The
 * largest text the arguments allow is checked before any word is picked: `min` above
 * `max` makes every paragraph `min` words long (Python refuses that range outright).
 */
function lipsum(args: unknown[], kwargs: Kwargs): string {
  const [n, html, min, max] = bindArgs('generate_lorem_ipsum', ['n', 'html', 'min', 'max'], [5, true, 20, 100], args, kwargs);
  const count = Math.max(0, intArg(n));
  const lo = intArg(min);
  const hi = intArg(max);
  const budget = currentBudget();
  const mostWords = Math.max(0, lo, hi);
  budget.checkLength(count * mostWords * LONGEST_WORD);
  budget.charge(count * mostWords);
  const paragraphs: string[] = [];
  for (let p = 0; p < count; p++) {
    const len = lo + Math.floor(Math.random() * Math.max(1, hi - lo));
    const words: string[] = [];
    for (let i = 0; i < len; i++) words.push(WORDS[Math.floor(Math.random() * WORDS.length)]);
    const text = words.join(' ');
    paragraphs.push(text === '' ? '.' : `${text[0].toUpperCase()}${text.slice(1)}.`);
  }
  return html ? paragraphs.map((t) => `<p>${t}</p>`).join('\n') : paragraphs.join('\n\n');
}

/** Jinja2's default globals, as PyCallables. */
export const GLOBALS: Readonly<Record<string, unknown>> = Object.freeze(Object.assign(Object.create(null), {
  // range() of an absent value is undefined: it loops zero times (lenient).
  range: markCallable('range', (args, kwargs) => (anyAbsent(args, kwargs) ? undefined : pyRange(args, kwargs))),
  dict: markCallable('dict', makeDict),
  lipsum: markCallable('lipsum', lipsum),
  cycler: markCallable('cycler', (args, kwargs) => (positional('Cycler', args, kwargs, 0, Infinity), new Cycler(args.slice()))),
  joiner: markCallable('joiner', makeJoiner),
  namespace: markCallable('namespace', (args, kwargs) => {
    positional('namespace', args, undefined, 0, 1);
    // Null prototype: a data key named __proto__ stays a key (and is then refused by
    // setAttribute) instead of Object.assign setting init's prototype.
    const init: Record<string, unknown> = Object.create(null);
    if (args.length) Object.assign(init, makeDict(args, undefined));
    if (kwargs) Object.assign(init, kwargs);
    return new Namespace(init);
  }),
}));

