// Run from source only (tests, tsx): Node 20 workers ignore `--import tsx` in execArgv, so the
// worker registers tsx itself, then loads the TypeScript worker. The package runs
// dist/render-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const { default: renderTask } = await import('./render-worker.ts');
export default renderTask;
