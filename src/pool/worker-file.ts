import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the worker script is, and what a worker needs to run it. */
export interface WorkerFile {
  filename: string;
}

/**
 * The built package ships `render-worker.js` beside the module that starts the pool. Run
 * from source (tests, `tsx`), only the `.ts` exists, and `dev-worker.mjs` loads it through tsx.
 */
export function locateRenderWorker(): WorkerFile {
  // In the CommonJS build `import.meta` is empty: `__filename` is the module's own path there.
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  const built = fileURLToPath(new URL('./render-worker.js', here));
  if (existsSync(built)) return { filename: built };
  const source = fileURLToPath(new URL('./dev-worker.mjs', here));
  if (existsSync(source)) return { filename: source };
  throw new Error(`dynamic-context: the render worker script is missing (looked for ${built})`);
}
