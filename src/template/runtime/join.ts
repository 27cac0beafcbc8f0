import { currentBudget } from '../limits.js';

/**
 * `sep.join(texts of items)` as `join`, `str.join` and `sum` build it: the length is
 * counted item by item and refused past maxOutputLength before the joined text exists,
 * so at most one item's text is ever made beyond the bound.
 */
export function joinText(items: readonly unknown[], toText: (item: unknown, index: number) => string, sep: string): string {
  const budget = currentBudget();
  const parts = new Array<string>(items.length);
  let length = items.length > 0 ? (items.length - 1) * sep.length : 0;
  budget.checkLength(length);
  for (let i = 0; i < items.length; i++) {
    const text = toText(items[i], i);
    length += text.length;
    budget.checkLength(length);
    budget.charge(1 + ((text.length / 16) | 0));
    parts[i] = text;
  }
  return parts.join(sep);
}
