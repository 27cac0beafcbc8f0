// Type-level test, checked by `tsc --noEmit` (tsconfig includes test/): it fails to
// compile when the zod schemas in config.ts drift from the hand-written public types.
import type { z } from 'zod';
import type { callSchema, ResolvedCall } from '../../src/call.js';
import type { configSchema, DEFAULTS } from '../../src/config.js';
import type { CallInfo, ContextAuth, DynamicContextConfig } from '../../src/types/index.js';

/** Exact type identity, stricter than mutual assignability. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Mutual assignability, for types zod spells differently but that accept the same values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

type ConfigInput = z.input<typeof configSchema>;
type CallInput = z.input<typeof callSchema>;

export type Checks = [
  Assert<Same<ConfigInput, DynamicContextConfig>>,
  Assert<Same<NonNullable<ConfigInput['auth']>, ContextAuth>>,
  Assert<Equals<ConfigInput['endpoint'], string>>,
  Assert<Equals<ConfigInput['timeoutMs'], number | undefined>>,
  Assert<Same<CallInput, CallInfo>>,
  Assert<Equals<CallInput['direction'], CallInfo['direction']>>,
  Assert<Equals<NonNullable<CallInput['medium']>, NonNullable<CallInfo['medium']>>>,
  Assert<Equals<NonNullable<CallInput['externalId']>, NonNullable<CallInfo['externalId']>>>,
  // Every key of the public types is in the schemas, and no more.
  Assert<Equals<keyof ConfigInput, keyof DynamicContextConfig>>,
  Assert<Equals<keyof CallInput, keyof CallInfo>>,
  Assert<Equals<keyof ResolvedCall, keyof CallInfo>>,
  // DEFAULTS carries the contract's literal values.
  Assert<Equals<(typeof DEFAULTS)['timeoutMs'], 30000>>,
  Assert<Equals<(typeof DEFAULTS)['cacheTtlMs'], 300000>>,
  Assert<Equals<(typeof DEFAULTS)['maxResponseBytes'], 262144>>,
  Assert<Equals<(typeof DEFAULTS)['sensitiveData'], 'redact'>>,
];
