/** Sets an own data property: defineProperty, not assignment, so a `__proto__` key from raw input stays a plain key. */
export function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
