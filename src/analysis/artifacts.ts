/** What a voice must never say, found in a rendered text. */
export interface SpokenArtifact {
  kind: 'empty_word' | 'object' | 'redacted' | 'template_syntax' | 'gap' | 'double_space';
  /** The offending text as it appears. */
  text: string;
  /** Offset in the rendered text. */
  index: number;
  /** A short stretch of the text around it, on one line. */
  excerpt: string;
}

interface Rule {
  kind: SpokenArtifact['kind'];
  pattern: RegExp;
}

// Case-sensitive and whole words: "none of your orders" is speech, "None" is a printed null.
const RULES: readonly Rule[] = [
  { kind: 'empty_word', pattern: /\b(?:None|null|undefined|NaN)\b/g },
  // JS's and Python's prints of a whole object or list: `[object Object]`, `{'a': 1}`, `['x', 'y']`.
  { kind: 'object', pattern: /\[object \w+\]|\{'[^'\n]*':|\['[^'\n]*'(?:, |\])/g },
  { kind: 'redacted', pattern: /\[redacted\]/g },
  { kind: 'template_syntax', pattern: /\{\{|\{%/g },
  // "Hi , welcome": a space before punctuation is where an empty value was.
  { kind: 'gap', pattern: /(?<=\S)[^\S\n]+[,.!?;:](?=\s|$)|^[^\S\n]*[,.!?;:](?=\s)/gm },
  { kind: 'double_space', pattern: /(?<=\S)[^\S\n]{2,}(?=\S)/g },
];

/** Reports the first few of each kind; a template that prints `None` in a loop needs one finding, not fifty. */
const MAX_PER_KIND = 3;

/**
 * How a number that is not one prints (Python's `nan`, `inf`, `-inf`). These are words only
 * when the data held such a number: "nan" is also a grandmother.
 */
const NON_FINITE_RULE: Rule = { kind: 'empty_word', pattern: /(?<![\w-])-?(?:nan|inf)\b/g };

/**
 * Finds every spoken artifact in `text`, in order of appearance. `printsNonFinite`: the
 * template reads a NaN or infinite number, so its printed form is an artifact too.
 */
export function findSpokenArtifacts(text: string, printsNonFinite = false): SpokenArtifact[] {
  const found: SpokenArtifact[] = [];
  for (const { kind, pattern } of printsNonFinite ? [...RULES, NON_FINITE_RULE] : RULES) {
    let count = 0;
    for (const match of text.matchAll(pattern)) {
      if (++count > MAX_PER_KIND) break;
      found.push({ kind, text: match[0], index: match.index, excerpt: excerptAround(text, match.index, match[0].length) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The fix for each kind, as the end of a finding's sentence. */
export const ARTIFACT_FIXES: Readonly<Record<SpokenArtifact['kind'], string>> = Object.freeze({
  empty_word: 'a null, missing or non-numeric value was printed; give it | default("…") or leave the sentence out with {% if %}',
  object: 'a whole object was printed; print one of its fields instead, e.g. {{ customer.first_name }}',
  redacted: 'a value was redacted as sensitive data; do not speak that field, remove it from the template',
  template_syntax: 'template syntax reached the text (from the data or an unclosed tag); close the tag, or clean that value at the endpoint',
  gap: 'an empty value left a gap before the punctuation; give it | default("…") or put the words and the punctuation inside {% if %}',
  double_space: 'an empty value left two spaces; give it | default("…") or put it and its space inside {% if %}',
});

function excerptAround(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  const inner = text.slice(start, end).replace(/\s*\n\s*/g, ' ');
  return `${start > 0 ? '…' : ''}${inner}${end < text.length ? '…' : ''}`;
}
