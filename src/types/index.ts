// The public types of the client side, by concern; `src/index.ts` re-exports them.
export type * from './config.js';
export type * from './client.js';
export type * from './results.js';
