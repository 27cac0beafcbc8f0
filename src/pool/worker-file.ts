
/** Where the worker script is, and what a worker needs to run it. */
export interface WorkerFile {
  filename: string;
}

/**
 * The built package ships `render-worker.js` beside the module that starts the pool. Run
 * from source (tests, `tsx`), only the `.ts` exists, and `dev-worker.mjs` loads it through tsx.
 */
export function locateRenderWorker(): WorkerFile {
  // Node builtins taken when a pool starts, not imported: an ESM import of node:fs also loads
  // Node's whole streams stack, a cost every importer of dynamic-context/template would pay.
  const { existsSync } = process.getBuiltinModule('node:fs');
  const { fileURLToPath } = process.getBuiltinModule('node:url');
  // tsup's shim gives the CommonJS build an import.meta.url too (the module's own file).
  const here = import.meta.url;
  const built = fileURLToPath(new URL('./render-worker.js', here));
  if (existsSync(built)) return { filename: built };
  const source = fileURLToPath(new URL('./dev-worker.mjs', here));
  if (existsSync(source)) return { filename: source };
  throw new Error(`dynamic-context: the render worker script is missing (looked for ${built})`);
}
