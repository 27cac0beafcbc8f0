/** Longest key a path shows whole; a longer one is quoted and cut, as a key that needs quoting is. */
const MAX_PATH_KEY_LENGTH = 256;
/** How much of a quoted key a path shows. */
const QUOTED_KEY_LENGTH = 100;

/** `parent` extended by one key or index, as warnings print paths: `a.b`, `a[0]`, `a["odd key"]`. */
export function formatPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = key.length <= MAX_PATH_KEY_LENGTH && /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key.slice(0, QUOTED_KEY_LENGTH));
  if (parent === '') return safe;
  return safe === key ? `${parent}.${key}` : `${parent}[${safe}]`;
}
