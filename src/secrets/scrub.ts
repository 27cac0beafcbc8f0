import { secretForms } from './forms.js';

/** What a scrubbed secret is replaced with. */
export const SCRUBBED = '[redacted]';

// A private-use character: secrets are printable text, so none holds it.
const PLACEHOLDER = '\uE000';

/** Replaces every form of a set of secrets in text that leaves the library. */
export interface SecretScrubber {
  /** `text` with every form of every secret replaced by `[redacted]`; the same string when there is none. */
  scrub(text: string): string;
  /**
   * `text` scrubbed, then cut to what its first `max` characters became: a secret that
   * straddles the cut, or one cut by the end of `text` when `truncated` (a body read only
   * in part), leaks no part of itself (an echoed header quoted in a message).
   */
  head(text: string, max: number, truncated?: boolean): string;
  /**
   * The indices, ascending, of the `texts` that hold a form of a secret (those `scrub`
   * would change). One search per form over all of them at once, so a response's many
   * short values cost about what one text of their total length does.
   */
  findIn(texts: readonly string[]): number[];
  /** True when there is something to scrub. */
  readonly active: boolean;
}

/**
 * A scrubber for `secrets` (tokens, passwords, header values, `user:pass`), in every form
 * `secretForms` (in secrets/forms.ts) lists. Secrets of any length are scrubbed, one character included:
 * refusing short ones would refuse credentials the customer's endpoint dictates, and a
 * short one costs only readability of that tenant's error texts. Linear in the text's
 * length for a given set of secrets.
 *
 * @example createSecretScrubber([token]).scrub(error.message)
 */
export function createSecretScrubber(secrets: readonly string[]): SecretScrubber {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const longest = forms[0]?.length ?? 0;
  // What findIn searches for: the forms that contain no shorter form (a text holding
  // `user%3Apw` holds `pw`), a third of them for a basic password. It runs on every answer.
  const anchors: string[] = [];
  for (const form of [...forms].reverse()) if (!anchors.some((anchor) => form.includes(anchor))) anchors.push(form);
  const scrub = (text: string): string => {
    let out = text;
    // Longest first, so a form containing another one is replaced whole; through a
    // placeholder, so a short secret ("e") is not found again inside "[redacted]".
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(PLACEHOLDER);
    return out === text ? text : out.replaceAll(PLACEHOLDER, SCRUBBED);
  };
  return {
    scrub,
    head: (text, max, truncated = false) => {
      // A secret cut by the end of a truncated text may begin anywhere in its last longest - 1 characters.
      const end = truncated ? Math.max(0, Math.min(max, text.length - longest + 1)) : max;
      const head = !truncated && text.length <= max ? scrub(text) : scrubbedHead(text.slice(0, end + longest), forms, end);
      // Clean throughout, so cutting it again (inside a `[redacted]`) exposes nothing.
      return head.length > max ? head.slice(0, max) : head;
    },
    // Every form holds an anchor and every anchor is a form: a text holds a form exactly
    // when it holds an anchor.
    findIn: (texts) => {
      if (anchors.length === 0) return [];
      if (texts.length === 1) return includesAny(texts[0]!, anchors) ? [0] : [];
      return textsHolding(texts, anchors);
    },
    active: forms.length > 0,
  };
}

function includesAny(text: string, forms: readonly string[]): boolean {
  for (let i = 0; i < forms.length; i++) if (text.includes(forms[i]!)) return true;
  return false;
}

/**
 * The texts that hold one of `forms`: joined by the placeholder, each form searched for
 * once across them. After an occurrence in text j the search goes on from text j + 1: j is
 * found, or the occurrence runs past j's end and so does every later one starting in j.
 * O(forms × total length).
 */
function textsHolding(texts: readonly string[], forms: readonly string[]): number[] {
  const count = texts.length;
  const starts = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) starts[i + 1] = starts[i]! + texts[i]!.length + 1;
  const joined = count === 1 ? texts[0]! : texts.join(PLACEHOLDER);
  const holds = new Uint8Array(count);
  for (const form of forms) {
    let j = 0;
    let at = joined.indexOf(form);
    while (at !== -1) {
      while (starts[j + 1]! <= at) j++;
      if (at + form.length < starts[j + 1]!) holds[j] = 1;
      if (j + 1 >= count) break;
      at = joined.indexOf(form, starts[j + 1]!);
    }
  }
  const found: number[] = [];
  for (let i = 0; i < count; i++) if (holds[i] === 1) found.push(i);
  return found;
}

/**
 * The scrubbed text of `window`'s first `end` characters, cut by position in `window`, not
 * in the scrubbed text: replacements shorten the text, so cutting the scrubbed text at
 * `end` let the head of a secret that straddled the window's end move inside the cut.
 * An occurrence that starts before `end` is replaced whole. Occurrences are taken as
 * `scrub` takes them: forms longest first, left to right, never overlapping an earlier one.
 * O(forms × window length).
 */
function scrubbedHead(window: string, forms: readonly string[], end: number): string {
  const n = window.length;
  // coverEnd[i] > 0: a replaced occurrence starts at i and ends there.
  const coverEnd = new Int32Array(n);
  const covered = new Uint8Array(n);
  const coveredBefore = new Int32Array(n + 1);
  for (const form of forms) {
    if (form.length > n) continue;
    let i = window.indexOf(form);
    if (i === -1) continue;
    for (let k = 0; k < n; k++) coveredBefore[k + 1] = coveredBefore[k]! + covered[k]!;
    const found: number[] = [];
    while (i !== -1) {
      const stop = i + form.length;
      if (coveredBefore[stop] === coveredBefore[i]) {
        found.push(i);
        i = window.indexOf(form, stop);
      } else {
        i = window.indexOf(form, i + 1);
      }
    }
    for (const start of found) {
      coverEnd[start] = start + form.length;
      covered.fill(1, start, start + form.length);
    }
  }
  let out = '';
  let from = 0;
  let i = 0;
  while (i < end && i < n) {
    const stop = coverEnd[i]!;
    if (stop > 0) {
      out += window.slice(from, i) + SCRUBBED;
      i = from = stop;
    } else {
      i++;
    }
  }
  return out + window.slice(from, Math.min(i, end));
}
