// `dynamic-context/template`: the template engine alone. A service that only renders
// greetings and prompts imports this and never loads undici, zod or any network code;
// test/package/template-entry.test.ts fails the build if one of them creeps in.
// Add exports here only from modules that stay on the template side of that line.
export { renderTemplate, compileTemplate, TEMPLATE_CACHE_MAX_ENTRIES, TEMPLATE_CACHE_MAX_BYTES } from '../template/index.js';
export type { CompiledTemplate, TemplateOptions } from '../template/index.js';
export { DEFAULT_RENDER_LIMITS } from '../template/limits.js';
export type { RenderLimits } from '../template/limits.js';
export { TemplateError, isTemplateError } from '../errors.js';
export { createRenderPool, DEFAULT_RENDER_POOL_OPTIONS } from '../pool/index.js';
export type { PoolRenderOptions, RenderPool, RenderPoolOptions, RenderPoolStats } from '../pool/index.js';
export { analyzeTemplate, checkTemplate } from '../analysis/index.js';
export type { TemplateAnalysis, TemplateAnalysisError, TemplateCheck, TemplateFinding, TemplateFindingKind, TemplateVariable } from '../analysis/index.js';
export { isTimeZoneName } from '../template/time/zone.js';
