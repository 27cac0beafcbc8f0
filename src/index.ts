export { createContextClient } from './client.js';
export { buildContextRequest } from './request.js';
export type { BuildRequestOptions } from './request.js';
export { verifyContextRequest, generateSigningSecret, DEFAULT_SIGNATURE_TOLERANCE_SEC } from './signing/index.js';
export type { IncomingHeaders, VerifiedContextRequest, VerifyContextRequestOptions } from './signing/index.js';
export { createContextMetrics, DIAGNOSTICS_CHANNELS, LATENCY_BUCKETS_MS } from './telemetry/index.js';
export type { ContextMetrics, ContextMetricsOptions, ContextMetricsSnapshot, LoadStartMessage, OriginMetrics, SpanLike, TracerLike } from './telemetry/index.js';
export { mergeContext, MAX_CONTEXT_DEPTH, MAX_CONTEXT_NODES } from './merge.js';
export { buildTemplateVariables } from './variables/build-template-variables.js';
export type { TemplateVariablesInput } from './variables/build-template-variables.js';
export type { TimeOfDay } from './variables/time-of-day.js';
export { isTimeZoneName } from './template/time/zone.js';
export { renderTemplate, compileTemplate, TEMPLATE_CACHE_MAX_ENTRIES, TEMPLATE_CACHE_MAX_BYTES } from './template/index.js';
export type { CompiledTemplate, TemplateOptions } from './template/index.js';
export type { RenderLimits } from './template/limits.js';
export { DEFAULT_RENDER_LIMITS } from './template/limits.js';
export { createRenderPool, DEFAULT_RENDER_POOL_OPTIONS } from './pool/index.js';
export type { PoolRenderOptions, RenderPool, RenderPoolOptions, RenderPoolStats } from './pool/index.js';
export { ContextError, TemplateError, isContextError, isTemplateError, CONTEXT_ERROR_CODES, DEFAULT_HINTS } from './errors.js';
export { classifyAddress, isPublicAddress } from './address.js';
export type { AddressClass } from './address.js';
export { DEFAULTS, MAX_TIMEOUT_MS } from './config.js';
export { createMemoryCacheStore } from './cache/index.js';
export type { MemoryCacheStore, MemoryCacheStoreOptions } from './cache/index.js';
export { createSecretScrubber } from './secrets/scrub.js';
export type { SecretScrubber } from './secrets/scrub.js';
export type {
  CacheStore,
  CacheStoreFault,
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
  ContextValue,
  ContextVariables,
  DynamicContextConfig,
  LoadOptions,
  SensitiveDataMode,
  TestOptions,
  TestReport,
  TestReportBase,
  TestReportError,
  TestRequest,
  TestTimings,
} from './types/index.js';
export { analyzeTemplate, checkTemplate } from './analysis/index.js';
export type { TemplateAnalysis, TemplateAnalysisError, TemplateCheck, TemplateFinding, TemplateFindingKind, TemplateVariable } from './analysis/index.js';
export type { TemplateErrorKind } from './errors.js';
