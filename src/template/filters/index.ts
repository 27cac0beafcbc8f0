import type { FilterFunction } from '../runtime/types.js';
import { TEXT_FILTERS } from './text.js';
import { NUMBER_FILTERS } from './numbers.js';
import { LIST_FILTERS } from './lists.js';
import { MAPPING_FILTERS } from './mappings.js';
import { HTML_FILTERS } from './html.js';
import { DATETIME_FILTERS } from './datetime.js';
import { SPEECH_FILTERS } from './speech.js';
import { lenientFilter } from '../runtime/lenient.js';

const BUILTIN: Record<string, FilterFunction> = Object.assign(Object.create(null), TEXT_FILTERS, NUMBER_FILTERS, LIST_FILTERS, MAPPING_FILTERS, HTML_FILTERS, DATETIME_FILTERS, SPEECH_FILTERS);

/** Every Jinja2 3.1 built-in filter, by name (null prototype: no inherited names), lenient on absent values. */
export const FILTERS: Readonly<Record<string, FilterFunction>> = Object.freeze(
  Object.assign(Object.create(null), Object.fromEntries(Object.entries(BUILTIN).map(([name, fn]) => [name, lenientFilter(name, fn)]))) as Record<string, FilterFunction>,
);
