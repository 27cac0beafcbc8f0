import { TemplateError } from '../../errors.js';
import { PY_NONE, type FilterFunction, type Kwargs } from '../runtime/types.js';
import { bindArgs } from '../runtime/args.js';
import { pyStr } from '../runtime/print.js';
import { isDict } from '../runtime/values.js';
import { iterate } from '../runtime/access.js';
import { pySplit } from '../runtime/text.js';
import { Markup } from '../runtime/types.js';
import { escapeHtml, markupEscape, stripTags } from '../runtime/markup.js';

/** Re-exported for the compiler, which imports it from here. */
export { escapeHtml };

/** urllib.parse.quote over UTF-8: letters, digits and _.-~ are safe (plus '/' outside query strings). */
function urlQuote(v: unknown, forQs: boolean): string {
  const bytes = Buffer.from(pyStr(v), 'utf8');
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c) || (!forQs && c === '/')) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return forQs ? out.replace(/%20/g, '+') : out;
}

function urlencode(v: unknown, a: unknown[], k: Kwargs): string {
  bindArgs('do_urlencode', [], [], a, k);
  if (typeof v === 'string' || (!Array.isArray(v) && !isDict(v) && v !== undefined && v !== null)) return urlQuote(v, false);
  const pairs = isDict(v) ? Object.keys(v).map((key) => [key, v[key]]) : iterate(v).map((p) => iterate(p));
  return pairs.map(([key, value]) => `${urlQuote(key, true)}=${urlQuote(value, true)}`).join('&');
}

const HTTP_RE = /^((https?:\/\/|www\.)(([\p{L}\p{N}_%-]+\.)+)?([a-z]{2,63}|xn--[\p{L}\p{N}_%]{2,59})|([\p{L}\p{N}_%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?:\/\/)((\d{1,3}(\.\d{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\])))(?::\d{1,5})?(?:[/?#]\S*)?$/iu;
const EMAIL_RE = /^\S+@[\p{L}\p{N}_][\p{L}\p{N}_.-]*\.[\p{L}\p{N}_]+$/u;

function urlize(v: unknown, a: unknown[], k: Kwargs): string {
  const [limit, nofollow, target, rel] = bindArgs('do_urlize', ['trim_url_limit', 'nofollow', 'target', 'rel', 'extra_schemes'], [null, false, null, null, null], a, k);
  const relParts = new Set(pySplit(rel ? pyStr(rel) : '', null, -1));
  if (nofollow) relParts.add('nofollow');
  relParts.add('noopener');
  const relText = [...relParts].sort().join(' ');
  const relAttr = relText ? ` rel="${escapeHtml(relText)}"` : '';
  const targetAttr = target ? ` target="${escapeHtml(pyStr(target))}"` : '';
  const trim = (x: string): string => (typeof limit === 'number' && Array.from(x).length > limit ? Array.from(x).slice(0, limit).join('') + '...' : x);
  const words = escapeHtml(pyStr(v)).split(/(\s+)/);
  return words.map((word) => {
    let head = '';
    let middle = word;
    let tail = '';
    const lead = /^([(<]|&lt;)+/.exec(middle);
    if (lead) {
      head = lead[0];
      middle = middle.slice(lead[0].length);
    }
    const trail = /([)>.,\n]|&gt;)+$/.exec(middle);
    if (trail) {
      tail = trail[0];
      middle = middle.slice(0, trail.index);
    }
    for (const [open, close] of [['(', ')'], ['<', '>'], ['&lt;', '&gt;']]) {
      const opens = middle.split(open).length - 1;
      if (opens <= middle.split(close).length - 1) continue;
      const moves = Math.min(opens, tail.split(close).length - 1);
      for (let i = 0; i < moves; i++) {
        const end = tail.indexOf(close) + close.length;
        middle += tail.slice(0, end);
        tail = tail.slice(end);
      }
    }
    if (HTTP_RE.test(middle)) {
      const href = middle.startsWith('https://') || middle.startsWith('http://') ? middle : `https://${middle}`;
      middle = `<a href="${href}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
    } else if (middle.startsWith('mailto:') && EMAIL_RE.test(middle.slice(7))) {
      middle = `<a href="${middle}">${middle.slice(7)}</a>`;
    } else if (middle.includes('@') && !middle.startsWith('www.') && !middle.startsWith('@') && !middle.includes(':') && EMAIL_RE.test(middle)) {
      middle = `<a href="mailto:${middle}">${middle}</a>`;
    }
    return head + middle + tail;
  }).join('');
}

function xmlattr(v: unknown, a: unknown[], k: Kwargs): string {
  const [autospace] = bindArgs('do_xmlattr', ['autospace'], [true], a, k);
  if (v === undefined || v === null) return '';
  if (!isDict(v)) throw new TemplateError(`'${typeof v}' object has no attribute 'items'`);
  const items: string[] = [];
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (value === null || value === undefined || value === PY_NONE) continue;
    if (/[\s/>=]/.test(key)) throw new TemplateError(`Invalid character in attribute name: '${key}'`);
    items.push(`${escapeHtml(key)}="${escapeHtml(pyStr(value))}"`);
  }
  const rv = items.join(' ');
  return autospace && rv ? ' ' + rv : rv;
}

/** HTML filters: escaping is explicit only (autoescape is off). */
export const HTML_FILTERS: Record<string, FilterFunction> = {
  escape: (v, a, k) => (bindArgs('escape', [], [], a, k), markupEscape(v)),
  // str(Markup) is plain text again, so forceescape escapes Markup a second time.
  forceescape: (v, a, k) => (bindArgs('do_forceescape', [], [], a, k), new Markup(escapeHtml(pyStr(v)))),
  striptags: (v, a, k) => (bindArgs('do_striptags', [], [], a, k), stripTags(pyStr(v))),
  urlencode,
  urlize,
  xmlattr,
};
HTML_FILTERS.e = HTML_FILTERS.escape;
