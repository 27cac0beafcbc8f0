import type { FilterFunction } from '../runtime/types.js';
import { TEXT_FILTERS } from './text.js';

/** Every Jinja2 3.1 built-in filter, by name (null prototype: no inherited names). */
export const FILTERS: Readonly<Record<string, FilterFunction>> = Object.freeze(
  Object.assign(Object.create(null), TEXT_FILTERS),
);
