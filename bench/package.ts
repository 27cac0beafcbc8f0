import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { interleave, median, scaled } from './measure.js';
import { errorRow, formatBytes, formatNs, formatRatio, type Row } from './report.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The target of (l): a service that only renders pays about what nunjucks alone costs. */
const TEMPLATE_IMPORT_TARGET = 1.5;

// A fresh node measures one import() of a module, nothing else (node's own start excluded).
const CHILD = 'const t = process.hrtime.bigint(); await import(process.argv[1]); console.log(String(process.hrtime.bigint() - t));';

async function importNs(url: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, url], { cwd: ROOT });
  return Number(stdout.trim());
}

function builtEntry(subpath: string): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const file = path.join(ROOT, pkg.exports[subpath]!.import.default);
  if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
  return pathToFileURL(file).href;
}

/**
 * (l) Import cost of each entry point of the built package, as a fresh process pays it,
 * against importing nunjucks alone (the lexer the engine is built on); and (m) what
 * `npm pack` would publish.
 */
export async function benchPackage(): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    const nunjucks = pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('nunjucks')).href;
    const template = builtEntry('./template');
    const main = builtEntry('.');
    const [t, m, n] = await interleave(scaled(30, 3), [() => importNs(template), () => importNs(main), () => importNs(nunjucks)]);
    const reference = median(n);
    const ratio = median(t) / reference;
    rows.push({
      id: 'import-template', library: formatNs(median(t)), reference: formatNs(reference), ratio: formatRatio(ratio),
      target: `≤ ${TEMPLATE_IMPORT_TARGET}×`, met: ratio <= TEMPLATE_IMPORT_TARGET ? 'yes' : 'no',
      note: `median of ${t.length} fresh processes each, interleaved`,
    });
    rows.push({
      id: 'import-main', library: formatNs(median(m)), reference: formatNs(reference), ratio: formatRatio(median(m) / reference),
      target: 'info (undici, zod and the network side)', met: 'n/a',
    });
  } catch (error) {
    rows.push(errorRow('import-template', error), errorRow('import-main', error));
  }
  try {
    // --ignore-scripts: measure the dist/ that is there, without rebuilding it.
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [packed] = JSON.parse(stdout) as Array<{ size: number; unpackedSize: number; files: Array<{ path: string }> }>;
    rows.push({
      id: 'package-size', library: formatBytes(packed!.size), reference: `${formatBytes(packed!.unpackedSize)} unpacked`, ratio: '',
      target: 'info', met: 'n/a', note: `${packed!.files.length} files; 661 KiB packed (2.45 MiB unpacked) before issue 9`,
    });
  } catch (error) {
    rows.push(errorRow('package-size', error));
  }
  return rows;
}
