/** Where a data path stands in the variables. */
export type PathState =
  | { state: 'present' }
  | { state: 'empty_list' }
  /** `at` is the prefix that is absent; `known` the keys its parent has (for "did you mean"). */
  | { state: 'missing'; at: string; key: string; known: string[]; item?: number }
  | { state: 'null'; at: string; item?: number };

/** `customer.first_name` → ['customer', 'first_name']; `orders[].total` → ['orders', '[]', 'total']. */
export function splitPath(path: string): string[] {
  return path.split('.').flatMap((part) => {
    const out: string[] = [];
    let name = part;
    while (name.endsWith('[]')) name = name.slice(0, -2);
    if (name !== '') out.push(name);
    for (let i = (part.length - name.length) / 2; i > 0; i--) out.push('[]');
    return out;
  });
}

/**
 * Follows `path` through `variables`. For loop items (`[]`) every item is checked and the
 * first one that lacks the key is named, because a voice speaks each of them.
 */
export function resolvePath(variables: Record<string, unknown>, path: string): PathState {
  const segments = splitPath(path);
  let current: Array<{ value: unknown; item?: number }> = [{ value: variables }];
  let prefix = '';
  for (const segment of segments) {
    const next: typeof current = [];
    for (const { value, item } of current) {
      if (segment === '[]') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ value: v, item: item ?? i }));
        continue;
      }
      const at = prefix === '' ? segment : `${prefix}.${segment}`;
      // A key whose value is undefined prints and tests like an absent one: it is missing.
      if (!isRecord(value) || !Object.hasOwn(value, segment) || value[segment] === undefined) {
        return { state: 'missing', at, key: segment, known: isRecord(value) ? Object.keys(value) : [], ...(item === undefined ? {} : { item }) };
      }
      const child = value[segment];
      if (child === null) return { state: 'null', at, ...(item === undefined ? {} : { item }) };
      next.push({ value: child, ...(item === undefined ? {} : { item }) });
    }
    prefix = segment === '[]' ? `${prefix}[]` : prefix === '' ? segment : `${prefix}.${segment}`;
    if (next.length === 0) return { state: 'empty_list' };
    current = next;
  }
  return { state: 'present' };
}

/** `customer` is a prefix of `customer.first_name` and of itself; `cust` is not. */
export function isPathPrefix(prefix: string, path: string): boolean {
  const a = splitPath(prefix);
  const b = splitPath(path);
  return a.length <= b.length && a.every((segment, i) => segment === b[i]);
}

/** Every value `path` reaches in `variables` (one per loop item), for checks on the values themselves. */
export function valuesAt(variables: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [variables];
  for (const segment of splitPath(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment === '[]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (isRecord(value) && Object.hasOwn(value, segment)) {
        next.push(value[segment]);
      }
    }
    current = next;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
