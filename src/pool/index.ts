export { createRenderPool, DEFAULT_RENDER_POOL_OPTIONS } from './render-pool.js';
export type { PoolRenderOptions, RenderPool, RenderPoolOptions, RenderPoolStats } from './render-pool.js';
