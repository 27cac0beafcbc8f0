/**
 * Every spelling of `secret` that an endpoint (or a proxy, a debug page, a log line) could
 * send back: raw, JSON-escaped (also with PHP's `\/`, and with HTML-significant punctuation
 * as `\u00XX`, as Go, Rails, PHP's JSON_HEX_* flags and .NET write it), URL-encoded
 * (encodeURIComponent's set, RFC 3986's and the form encoding's; upper- and lower-case hex,
 * `+` for spaces), HTML-escaped, and base64 (standard and URL alphabets, padded or not,
 * and at each of the three byte offsets it can sit at inside a longer base64 text
 * such as the `Basic` header of `user:pass`). Distinct, non-empty, longest first.
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const forms = new Set<string>([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json).add(json.replaceAll('/', '\\/'));
  const component = encodeURIComponent(secret);
  for (const encoded of [component, encodeURI(secret), component.replaceAll('%20', '+')]) {
    forms.add(encoded).add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  // JSON encoders that escape HTML-significant punctuation as \u00XX: Go's encoding/json and
  // Rails (<>&), PHP's JSON_HEX_* flags (<>, &, ', ", with \/), .NET's System.Text.Json
  // (also + and `, upper-case hex).
  for (const set of JSON_HEX_SETS) {
    for (const upper of [false, true]) {
      const hexed = jsonHexEscaped(secret, set, upper);
      forms.add(hexed).add(hexed.replaceAll('/', '\\/'));
    }
  }
  // Stricter URL encoders: RFC 3986 (Python's quote(safe=''), PHP's rawurlencode) also
  // encode !'()*, and application/x-www-form-urlencoded (URLSearchParams) also encodes ~.
  for (const keep of [RFC3986_UNRESERVED, FORM_UNRESERVED]) {
    const strict = percentEncoded(secret, keep);
    for (const encoded of [strict, strict.replaceAll('%20', '+')]) {
      forms.add(encoded).add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    }
  }
  forms.add(secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!));
  for (const form of base64Forms(Buffer.from(secret, 'utf8'))) forms.add(form);
  forms.delete('');
  return [...forms].sort((a, b) => b.length - a.length);
}

const JSON_HEX_SETS: readonly string[] = ['<>', '<>&', '<>&\'"', '<>&\'"+`'];

/** `secret` JSON-escaped, with the characters of `set` written as \u00XX. */
function jsonHexEscaped(secret: string, set: string, upper: boolean): string {
  let out = '';
  for (const c of secret) {
    if (set.includes(c)) {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      out += `\\u${upper ? hex.toUpperCase() : hex}`;
    } else {
      out += JSON.stringify(c).slice(1, -1);
    }
  }
  return out;
}

const RFC3986_UNRESERVED = /[A-Za-z0-9\-._~]/;
const FORM_UNRESERVED = /[A-Za-z0-9*\-._]/;

/** `secret` as UTF-8 with every character outside `keep` percent-encoded (upper-case hex). */
function percentEncoded(secret: string, keep: RegExp): string {
  let out = '';
  for (const c of secret) out += keep.test(c) ? c : [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return out;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// A shifted core shorter than this holds under three bytes of the secret: scrubbing it
// would only cut unrelated base64 apart.
const MIN_CORE_LENGTH = 4;

function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  const whole = bytes.toString('base64');
  forms.push(whole, whole.replace(/=+$/, ''), bytes.toString('base64url'));
  for (let shift = 0; shift <= 2; shift++) {
    // After `shift` unknown bytes, the characters that depend on the secret's bytes alone.
    const shifted = Buffer.concat([Buffer.alloc(shift), bytes]);
    const start = Math.ceil((shift * 4) / 3);
    const end = Math.floor((shifted.length * 4) / 3);
    if (end - start < MIN_CORE_LENGTH) continue;
    const core = shifted.toString('base64').slice(start, end);
    forms.push(core, shifted.toString('base64url').slice(start, end));
  }
  return forms;
}
