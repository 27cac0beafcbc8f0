import { TemplateError } from '../../errors.js';
import { IS_SPACE } from '../runtime/text.js';

/*
 * A port of Python's textwrap.wrap as Jinja2's wordwrap calls it: expand_tabs and
 * replace_whitespace off, drop_whitespace on, no indents. Chunking follows
 * TextWrapper.wordsep_re / wordsep_simple_re so hyphenated words break the same way.
 */
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
const WP = "[\\p{L}\\p{N}_!\"'&.,?]";
const LT = '[\\p{L}_]';
const WORDSEP = new RegExp(
  `(${WS}+|(?<=${WP})-{2,}(?=[\\p{L}\\p{N}_])|${NWS}+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))(?=${LT}-?${LT})|(?=${WS}|$)|(?<=${WP})(?=-{2,}[\\p{L}\\p{N}_])))`,
  'u',
);
const WORDSEP_SIMPLE = new RegExp(`(${WS}+)`);

/** `chunk.strip() == ''` in Python: empty or only Unicode whitespace (nbsp included). */
function isBlank(chunk: string): boolean {
  return chunk === '' || IS_SPACE.test(chunk);
}

function len(s: string): number {
  return Array.from(s).length;
}

function splitChunks(text: string, breakOnHyphens: boolean): string[] {
  return text.split(breakOnHyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c !== '' && c !== undefined);
}

/** textwrap.wrap(text, width, break_long_words, break_on_hyphens). */
export function wrapText(text: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean): string[] {
  if (width <= 0) throw new TemplateError(`invalid width ${width} (must be > 0)`);
  const chunks = splitChunks(text, breakOnHyphens).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const line: string[] = [];
    let cur = 0;
    if (lines.length && isBlank(chunks[chunks.length - 1])) chunks.pop();
    while (chunks.length) {
      const l = len(chunks[chunks.length - 1]);
      if (cur + l > width) break;
      line.push(chunks.pop()!);
      cur += l;
    }
    if (chunks.length && len(chunks[chunks.length - 1]) > width) {
      handleLongWord(chunks, line, cur, width, breakLongWords, breakOnHyphens);
    }
    if (line.length && isBlank(line[line.length - 1])) line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}

function handleLongWord(chunks: string[], line: string[], cur: number, width: number, breakLong: boolean, breakOnHyphens: boolean): void {
  const spaceLeft = width < 1 ? 1 : width - cur;
  if (breakLong) {
    const chunk = Array.from(chunks[chunks.length - 1]);
    let end = spaceLeft;
    if (breakOnHyphens && chunk.length > spaceLeft) {
      const hyphen = chunk.slice(0, spaceLeft).lastIndexOf('-');
      if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    line.push(chunk.slice(0, end).join(''));
    chunks[chunks.length - 1] = chunk.slice(end).join('');
  } else if (line.length === 0) {
    line.push(chunks.pop()!);
  }
}
