/**
 * Every spelling of `secret` that an endpoint (or a proxy, a debug page, a log line) could
 * send back: raw, JSON-escaped (also with PHP's `\/`), URL-encoded (upper- and lower-case
 * hex, `+` for spaces), HTML-escaped, and base64 (standard and URL alphabets, padded or
 * not, and at each of the three byte offsets it can sit at inside a longer base64 text
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
  forms.add(secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!));
  for (const form of base64Forms(Buffer.from(secret, 'utf8'))) forms.add(form);
  forms.delete('');
  return [...forms].sort((a, b) => b.length - a.length);
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
