export { analyzeTemplate } from './analyze.js';
export type { TemplateAnalysis, TemplateAnalysisError, TemplateVariable } from './analyze.js';
export { checkTemplate } from './check.js';
export type { TemplateCheck, TemplateFinding, TemplateFindingKind } from './check.js';
export { findSpokenArtifacts } from './artifacts.js';
export type { SpokenArtifact } from './artifacts.js';
