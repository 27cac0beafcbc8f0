export { createContextClient } from './client.js';
export { buildContextRequest } from './request.js';
export { mergeContext } from './merge.js';
export { renderTemplate, compileTemplate } from './template/index.js';
export type { CompiledTemplate, TemplateOptions } from './template/index.js';
export type { RenderLimits } from './template/limits.js';
export { DEFAULT_RENDER_LIMITS } from './template/limits.js';
export { ContextError, TemplateError, isContextError, isTemplateError, CONTEXT_ERROR_CODES, DEFAULT_HINTS } from './errors.js';
export { classifyAddress, isPublicAddress } from './address.js';
export type { AddressClass } from './address.js';
export { DEFAULTS, MAX_TIMEOUT_MS } from './config.js';
export type {
  CallDirection,
  CallInfo,
  CallMedium,
  ClientOptions,
  ContextAuth,
  ContextClient,
  ContextErrorCode,
  ContextEvent,
  ContextRequest,
  ContextResult,
  ContextSource,
  DynamicContextConfig,
  SensitiveDataMode,
  TestReport,
} from './types.js';
