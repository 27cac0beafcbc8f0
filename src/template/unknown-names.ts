import { TemplateError, templateHint } from '../errors.js';
import { FILTERS } from './filters/index.js';
import type { Pos } from './parser/ast.js';
import { didYouMean } from './suggest.js';
import { TESTS } from './tests.js';

/** `No filter named 'titel'`, with "Did you mean 'title'?" when a built-in is close. */
export function unknownFilterError(name: string, pos?: Pos): TemplateError {
  const hint = suggestionOr(didYouMean(name, Object.keys(FILTERS)), templateHint('unknown_filter'));
  return new TemplateError(`No filter named '${name}'`, { ...pos, hint });
}

/** `No test named 'defind'`, with "Did you mean 'defined'?" when a built-in is close. */
export function unknownTestError(name: string, pos?: Pos): TemplateError {
  const hint = suggestionOr(didYouMean(name, Object.keys(TESTS)), templateHint('unknown_test'));
  return new TemplateError(`No test named '${name}'`, { ...pos, hint });
}

function suggestionOr(suggestion: string, fallback: string): string {
  return suggestion === '' ? fallback : `${suggestion.trim()} ${fallback}`;
}
