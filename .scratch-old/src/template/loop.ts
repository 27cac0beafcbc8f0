import { TemplateError } from '../errors.js';
import { eq } from './runtime/ops.js';
import { currentBudget } from './limits.js';
import { TemplateObject, markCallable, type Kwargs, type PyCallable } from './runtime/types.js';

/**
 * Jinja2's `loop` object, built only when a template uses `loop` as a value
 * (`{{ loop }}`, `loop.changed(…)`, passing it on). Plain `loop.index` & co. are
 * compiled to counter arithmetic and never reach this class.
 */
export class LoopContext extends TemplateObject {
  index0 = 0;
  private lastChanged: unknown[] | undefined;

  constructor(private readonly items: readonly unknown[], private readonly depth: number, private readonly recurse: PyCallable | undefined) {
    super();
  }

  getAttribute(name: string): unknown {
    const i = this.index0;
    const n = this.items.length;
    switch (name) {
      case 'index': return i + 1;
      case 'index0': return i;
      case 'revindex': return n - i;
      case 'revindex0': return n - i - 1;
      case 'first': return i === 0;
      case 'last': return i === n - 1;
      case 'length': return n;
      case 'depth': return this.depth;
      case 'depth0': return this.depth - 1;
      case 'previtem': return i > 0 ? this.items[i - 1] : undefined;
      case 'nextitem': return i < n - 1 ? this.items[i + 1] : undefined;
      case 'cycle': return markCallable('cycle', (args) => cycleItem(i, args));
      case 'changed': return markCallable('changed', (args) => this.changed(args));
      case '__call__': return this.recurse;
      default: return undefined;
    }
  }

  /** True on the first call and whenever the arguments differ from the previous call's. */
  changed(args: unknown[]): boolean {
    const previous = this.lastChanged;
    this.lastChanged = args;
    return previous === undefined || previous.length !== args.length || previous.some((v, k) => !eq(v, args[k]));
  }

  toPyString(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }
}

/** `loop.cycle(a, b, …)` at iteration `index0`. */
export function cycleItem(index0: number, args: readonly unknown[]): unknown {
  if (args.length === 0) throw new TemplateError('no items for cycling given');
  return args[index0 % args.length];
}

/** `loop(children)` in a `recursive` loop: render the loop body again, one level deeper. */
export function recurseLoop(render: (items: unknown, depth: number) => string, args: unknown[], kwargs: Kwargs, depth: number): string {
  if (args.length !== 1 || (kwargs !== undefined && Object.keys(kwargs).length > 0)) {
    throw new TemplateError('loop() takes exactly one argument: the items to recurse into');
  }
  const budget = currentBudget();
  budget.enterCall();
  try {
    return render(args[0], depth + 1);
  } finally {
    budget.leaveCall();
  }
}
