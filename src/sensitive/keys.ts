import type { SensitiveKind } from './kinds.js';

// Key patterns as word sequences; a key matches when its words contain the sequence.
// Word splitting keeps `pin` from matching `shipping` or `opinion`.
const KEY_PATTERNS: ReadonlyArray<readonly [words: readonly string[], kind: SensitiveKind]> = [
  [['password'], 'password'], [['passwd'], 'password'], [['pwd'], 'password'], [['passcode'], 'password'],
  [['pass', 'word'], 'password'], [['pass', 'code'], 'password'], [['passphrase'], 'password'], [['otp'], 'password'],
  [['secret'], 'secret'], [['private', 'key'], 'secret'],
  [['api', 'key'], 'api_key'], [['apikey'], 'api_key'],
  [['ssn'], 'ssn'], [['social', 'security'], 'ssn'], [['socialsecurity'], 'ssn'], [['tax', 'id'], 'ssn'], [['taxpayer', 'id'], 'ssn'],
  [['cvv'], 'cvv'], [['cvc'], 'cvv'], [['csc'], 'cvv'], [['security', 'code'], 'cvv'], [['securitycode'], 'cvv'],
  [['pin'], 'pin'], [['pincode'], 'pin'],
  [['card', 'number'], 'card_number'], [['cardnumber'], 'card_number'], [['card', 'no'], 'card_number'], [['card', 'num'], 'card_number'],
  [['credit', 'card'], 'card_number'], [['creditcard'], 'card_number'], [['cc', 'number'], 'card_number'], [['ccnumber'], 'card_number'],
  [['jwt'], 'token'], [['session', 'id'], 'token'], [['sessionid'], 'token'], [['token', 'value'], 'token'],
];
// Words that name a secret only as the last word: `access_token` and `db_pass` are
// secrets, `token_count`, `pass_through` and `authorization_status` are not.
const TAIL_PATTERNS: ReadonlyArray<readonly [word: string, kind: SensitiveKind]> = [
  ['token', 'token'], ['pass', 'password'], ['pw', 'password'], ['authorization', 'token'], ['credential', 'secret'],
];

const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charClass(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

/**
 * Splits snake, kebab, dotted and camel case (`SSNNumber`, `cvv2`) into lower-case words.
 * One pass over the key: the regex chain it replaces backtracked quadratically on a
 * run of capitals (a 262,000-letter key blocked load() for 25 s, issue 8).
 */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  const n = key.length;
  let start = -1;
  let prev = OTHER;
  for (let i = 0; i < n; i++) {
    const c = charClass(key.charCodeAt(i));
    if (c === OTHER) {
      if (start >= 0) words.push(key.slice(start, i).toLowerCase());
      start = -1;
    } else if (start < 0) {
      start = i;
    } else if (
      (prev === DIGIT) !== (c === DIGIT) ||
      (prev === LOWER && c === UPPER) ||
      // The last capital of a run starts the next word: SSNNumber → ssn number.
      (prev === UPPER && c === UPPER && i + 1 < n && charClass(key.charCodeAt(i + 1)) === LOWER)
    ) {
      words.push(key.slice(start, i).toLowerCase());
      start = i;
    }
    prev = c;
  }
  if (start >= 0) words.push(key.slice(start).toLowerCase());
  return words;
}

// Plurals count: `passwords`, `api_keys` and `tokens` hold the same data.
function sameWord(word: string, pattern: string): boolean {
  return word === pattern || (word.length === pattern.length + 1 && word.endsWith('s') && word.startsWith(pattern));
}

// Patterns by first word, each with its rank in KEY_PATTERNS (the first listed wins), so a
// key costs one map lookup per word instead of a pass over every pattern.
const BY_FIRST_WORD = new Map<string, Array<{ rank: number; words: readonly string[]; kind: SensitiveKind }>>();
KEY_PATTERNS.forEach(([words, kind], rank) => {
  const list = BY_FIRST_WORD.get(words[0]!) ?? [];
  list.push({ rank, words, kind });
  BY_FIRST_WORD.set(words[0]!, list);
});

/** The kind a key name suggests, if any. Linear in the key's length. */
export function classifyKey(key: string): SensitiveKind | undefined {
  const words = keyWords(key);
  let best: { rank: number; kind: SensitiveKind } | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const exact = BY_FIRST_WORD.get(word);
    const plural = word.endsWith('s') ? BY_FIRST_WORD.get(word.slice(0, -1)) : undefined;
    for (const candidates of [exact, plural]) {
      for (const pattern of candidates ?? []) {
        if (best !== undefined && pattern.rank >= best.rank) continue;
        if (i + pattern.words.length > words.length) continue;
        let all = true;
        for (let j = 1; all && j < pattern.words.length; j++) all = sameWord(words[i + j]!, pattern.words[j]!);
        if (all) best = pattern;
      }
    }
  }
  if (best !== undefined) return best.kind;
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  for (const [word, kind] of TAIL_PATTERNS) if (sameWord(last, word)) return kind;
  return undefined;
}

/** Most keys the memo holds before it starts over. */
export const MAX_MEMO_KEYS = 4096;
/** Longest key the memo keeps: longer keys are classified each time (linear), never stored. */
export const MAX_MEMO_KEY_LENGTH = 128;

// Response keys repeat call after call (one endpoint, one schema): classify each name
// once. Bounded in count and in key length, since keys are untrusted: at most
// 4096 × 128 characters (1 MiB) stay in memory.
const keyKinds = new Map<string, SensitiveKind | null>();

/** classifyKey, memoised for keys up to {@link MAX_MEMO_KEY_LENGTH} characters. */
export function kindOfKey(key: string): SensitiveKind | undefined {
  if (key.length > MAX_MEMO_KEY_LENGTH) return classifyKey(key);
  let kind = keyKinds.get(key);
  if (kind === undefined) {
    if (keyKinds.size >= MAX_MEMO_KEYS) keyKinds.clear();
    kind = classifyKey(key) ?? null;
    keyKinds.set(key, kind);
  }
  return kind ?? undefined;
}

/** How many keys the memo holds and their total length, for tests of its bound. */
export function memoFootprint(): { keys: number; chars: number } {
  let chars = 0;
  for (const key of keyKinds.keys()) chars += key.length;
  return { keys: keyKinds.size, chars };
}
