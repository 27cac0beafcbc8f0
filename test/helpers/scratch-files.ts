import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary folder for the files a test hands to the CLI (templates, contexts,
 * contact lists); `file(name, text)` writes one and returns its path.
 */
export function createScratchFiles(prefix: string): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `dynamic-context-${prefix}-`));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}
