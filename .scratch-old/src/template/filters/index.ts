import type { FilterFunction } from '../runtime/types.js';
import { TEXT_FILTERS } from './text.js';
import { NUMBER_FILTERS } from './numbers.js';
import { LIST_FILTERS } from './lists.js';
import { MAPPING_FILTERS } from './mappings.js';
import { HTML_FILTERS } from './html.js';

/** Every Jinja2 3.1 built-in filter, by name (null prototype: no inherited names). */
export const FILTERS: Readonly<Record<string, FilterFunction>> = Object.freeze(
  Object.assign(Object.create(null), TEXT_FILTERS, NUMBER_FILTERS, LIST_FILTERS, MAPPING_FILTERS, HTML_FILTERS),
);
