import { TemplateError } from '../../errors.js';

/**
 * Names a template may never look up, on anything: they lead from data to
 * JavaScript's Function constructor and prototypes (issue 4). Every name that
 * starts with "__" is refused too, which covers __proto__ and __defineGetter__ & co.
 */
export function isBlockedName(name: string): boolean {
  return (name.charCodeAt(0) === 95 && name.charCodeAt(1) === 95) || name === 'constructor' || name === 'prototype';
}

/** Throw when `name` is blocked. */
export function checkName(name: string): void {
  if (isBlockedName(name)) throw new TemplateError(`access to attribute '${name}' is not allowed`);
}
