import { startServer } from '../bench/server.js';
import { loadLibrary } from '../bench/library.js';
import { settledHeapUsed } from '../bench/measure.js';
import { benchTenants } from '../bench/tenants.js';
const lib = await loadLibrary(); const server = await startServer();
let s = performance.now(); await settledHeapUsed(); console.log('one settledHeapUsed', (performance.now() - s).toFixed(0));
s = performance.now(); await benchTenants(lib, server.origin); console.log('tenants', (performance.now() - s).toFixed(0));
await server.close(); process.exit(0);
