import { TemplateError } from '../../errors.js';
import { IS_SPACE } from '../runtime/text.js';
import { currentBudget } from '../limits.js';

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

/**
 * The chunk on top of the stack while a long word is cut into lines: its code points are
 * taken once and consumed by an offset, so cutting is linear in the word (F1).
 */
interface LongWord {
  chunk: string;
  cps: string[];
  at: number;
  /** Offset from which only whitespace remains (Python's strip() == ''). */
  blankFrom: number;
}

/** textwrap.wrap(text, width, break_long_words, break_on_hyphens). */
export function wrapText(text: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean): string[] {
  if (width <= 0) throw new TemplateError(`invalid width ${width} (must be > 0)`);
  const budget = currentBudget();
  const chunks = splitChunks(text, breakOnHyphens).reverse();
  const lens = chunks.map(len);
  const lines: string[] = [];
  let long: LongWord | null = null;
  const top = (): number => chunks.length - 1;
  const blankTop = (): boolean => (long !== null && long.chunk === chunks[top()] ? long.at >= long.blankFrom : isBlank(chunks[top()]));
  while (chunks.length) {
    // One unit per line: width 1 over a long text is as much work as a loop of that length.
    budget.chargeIterations(1);
    const line: string[] = [];
    let cur = 0;
    if (lines.length && blankTop()) (chunks.pop(), lens.pop());
    while (chunks.length) {
      const l = lens[top()];
      if (cur + l > width) break;
      line.push(chunks.pop()!);
      lens.pop();
      cur += l;
    }
    if (chunks.length && lens[top()] > width) {
      if (breakLongWords) long = cutLongWord(chunks, lens, long, line, width - cur, width, breakOnHyphens);
      else if (line.length === 0) (line.push(chunks.pop()!), lens.pop());
    }
    if (line.length && isBlank(line[line.length - 1])) line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}

function startLongWord(chunk: string): LongWord {
  const cps = Array.from(chunk);
  let blankFrom = cps.length;
  while (blankFrom > 0 && IS_SPACE.test(cps[blankFrom - 1])) blankFrom--;
  return { chunk, cps, at: 0, blankFrom };
}

/** handle_long_word: move the next `spaceLeft` code points of the top chunk into `line`. */
function cutLongWord(chunks: string[], lens: number[], long: LongWord | null, line: string[], spaceLeft: number, width: number, breakOnHyphens: boolean): LongWord | null {
  const t = chunks.length - 1;
  const w = long !== null && long.chunk === chunks[t] ? long : startLongWord(chunks[t]);
  const { cps, at } = w;
  let end = spaceLeft;
  if (breakOnHyphens && end > 0 && cps.length - at > end) {
    // Search only this piece: lastIndexOf from the piece's end would rescan the consumed part.
    let hyphen = end - 1;
    while (hyphen > 0 && cps[at + hyphen] !== '-') hyphen--;
    if (hyphen > 0 && cps.slice(at, at + hyphen).some((c) => c !== '-')) end = hyphen + 1;
  }
  line.push(cps.slice(at, at + end).join(''));
  w.at = at + end;
  lens[t] = cps.length - w.at;
  // Once the rest fits a line it is an ordinary chunk again (built once, at most `width` long).
  if (lens[t] <= width) {
    chunks[t] = cps.slice(w.at).join('');
    return null;
  }
  return w;
}
