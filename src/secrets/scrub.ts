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
   * The first `max` characters of `text`, scrubbed before it is cut, so a secret that
   * straddles the cut cannot leak its first half (an echoed header quoted in a message).
   */
  head(text: string, max: number): string;
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
  const scrub = (text: string): string => {
    let out = text;
    // Longest first, so a form containing another one is replaced whole; through a
    // placeholder, so a short secret ("e") is not found again inside "[redacted]".
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(PLACEHOLDER);
    return out === text ? text : out.replaceAll(PLACEHOLDER, SCRUBBED);
  };
  return {
    scrub,
    head: (text, max) => {
      const cut = text.length > max + longest ? text.slice(0, max + longest) : text;
      const clean = scrub(cut);
      return clean.length > max ? clean.slice(0, max) : clean;
    },
    active: forms.length > 0,
  };
}
