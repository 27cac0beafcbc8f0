import os from 'node:os';

/** One line of the table. Ratios are library ÷ reference. */
export interface Row {
  id: RowId;
  library: string;
  reference: string;
  ratio: string;
  target: string;
  met: 'yes' | 'no' | 'n/a' | 'ERROR';
  note?: string;
}

/** Every row the benchmark prints, in order (the smoke test checks each label). */
export const ROWS = {
  'http-seq': '(a) client.fetch 1 KiB, sequential, p50 latency vs undici.request on a Pool',
  'http-c64': '(b) client.fetch 1 KiB, concurrency 64, throughput vs undici.request',
  'http-traced': '(i) client.fetch p50 with an OpenTelemetry tracer (SDK + span processor) vs the same client without',
  'http-signed': '(j) client.fetch p50 with a signingSecret (Standard Webhooks HMAC) vs the same client without',
  'cache-hit': '(c) cached client.load (hit), throughput vs LRUCache#get',
  'cache-floor': '(c\') info: await of a resolved promise + LRUCache#get (the async floor)',
  'cache-hit-redis': '(c\'\') info: cached client.load through the Redis store vs the in-process LRU',
  'render-nunjucks': '(d) renderTemplate ~650-char greeting, per render vs nunjucks compiled once',
  'render-hf': '(d) renderTemplate vs @huggingface/jinja (parse once)',
  'render-liquid': '(d) renderTemplate vs liquidjs (parse once, renderSync)',
  'render-first': '(e) renderTemplate of an unseen template (compile + render) vs nunjucks renderString',
  'render-realistic': '(l) compileTemplate(src).render of 4 realistic greetings/prompts vs nunjucks compiled, worst template',
  'render-variables': '(k) buildTemplateVariables + greeting with time_of_day and a datetime filter vs the plain greeting',
  'pool-render': '(h) createRenderPool render of the greeting, per render vs renderTemplate in this thread',
  'mem-cache': '(f) heap held by 10,000 cached ~2 KiB contexts vs their JSON bytes',
  'mem-bound-cache': '(i) heap of a context cache fed 3× its cacheMaxBytes of the worst-shaped answers vs the bound',
  'mem-bound-templates': '(j) heap of the template cache fed 70 macro-heavy 32 KiB templates vs its byte bound',
  'mem-rounds': '(g) heap growth, 10 rounds of 1,000 concurrent loads, round 2 -> 10',
  'tenants-heap': '(h) heap of 5,000 clients (one per tenant), one load each, vs undici Pool + Map',
  'tenants-sockets': '(h) sockets of 5,000 clients after one load each, and after close()',
  'import-template': '(l) import of dynamic-context/template (built) in a fresh process vs import of nunjucks alone',
  'import-main': '(l) import of dynamic-context (built) in a fresh process vs import of nunjucks alone',
  'package-size': '(m) npm pack: the tarball',
} as const;
export type RowId = keyof typeof ROWS;

export function errorRow(id: RowId, error: unknown): Row {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { id, library: 'ERROR', reference: '', ratio: '', target: '', met: 'ERROR', note: message.split('\n')[0].slice(0, 200) };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores (${os.availableParallelism?.() ?? cpus.length} available), ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}, ` +
    `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M ${unit}/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k ${unit}/s`;
  return `${perSecond.toFixed(0)} ${unit}/s`;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  if (b >= 2 ** 20) return `${sign}${(b / 2 ** 20).toFixed(2)} MiB`;
  if (b >= 2 ** 10) return `${sign}${(b / 2 ** 10).toFixed(1)} KiB`;
  return `${sign}${b.toFixed(0)} B`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

const HEADERS = ['what', 'library', 'reference', 'ratio', 'target', 'met?'];

function cells(row: Row): string[] {
  return [ROWS[row.id], row.library, row.reference, row.ratio, row.target, row.met];
}

/** A plain-text table for the terminal, then the notes. */
export function formatTable(rows: Row[]): string {
  const table = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
  const line = (r: string[]) => r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join(' | ');
  const out = [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cells(r)))];
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
  return [...out, ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

/** The same table in Markdown, for bench/RESULTS.md. */
export function formatMarkdown(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)];
  const notes = rows.filter((r) => r.note).map((r) => `- \`${r.id}\`: ${r.note}`);
  return [...out, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
