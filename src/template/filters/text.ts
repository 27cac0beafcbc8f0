import type { FilterFunction } from '../runtime/types.js';
import { pyStr } from '../runtime/print.js';

/** Text filters: upper, lower, … */
export const TEXT_FILTERS: Record<string, FilterFunction> = {
  upper: (v) => pyStr(v).toUpperCase(),
  lower: (v) => pyStr(v).toLowerCase(),
};
