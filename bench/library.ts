import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CallInfo, ClientOptions } from '../src/types/index.js';

/** The library under test, loaded from source (tsx) so no build step is needed. */
export type Library = typeof import('../src/index.js');

/** BENCH_LIB=path/to/module.ts benchmarks another build of the API (a scratch copy with a fix). */
export async function loadLibrary(): Promise<Library> {
  const alternative = process.env.BENCH_LIB;
  if (alternative) return (await import(pathToFileURL(path.resolve(alternative)).href)) as Library;
  return import('../src/index.js');
}

/** Loopback endpoints are the benchmark's whole point: allow them. */
export const LOOPBACK: ClientOptions = { allowHttp: true, allowPrivateNetwork: true };

export const TOKEN = 'bench-token-0123456789';

export const CALL: CallInfo = {
  agentUuid: '6f1c2a8e-4b7d-4e0a-9a51-3c2d1e0f9b7a',
  direction: 'inbound',
  medium: 'phone',
  agentNumber: '+15550000001',
  contactNumber: '+15557654321',
  roomSid: 'RM8f2b6c0d4e1a49b7a3c5d2e1f0a9b8c7',
};

/** What the contract says goes out for CALL with bearer auth: built by hand, once, for the references. */
export function referenceRequest(call: CallInfo = CALL): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${TOKEN}`,
    'x-agent-uuid': call.agentUuid,
    'x-direction': call.direction,
    'x-medium': call.medium ?? 'phone',
    'x-room-sid': call.roomSid,
  };
  if (call.agentNumber) headers['x-agent-number'] = call.agentNumber;
  if (call.contactNumber) headers['x-contact-number'] = call.contactNumber;
  const body = JSON.stringify({
    agent_uuid: call.agentUuid,
    direction: call.direction,
    medium: call.medium ?? 'phone',
    ...(call.agentNumber ? { agent_number: call.agentNumber } : {}),
    ...(call.contactNumber ? { contact_number: call.contactNumber } : {}),
  });
  return { headers, body };
}

export const SERVER_SCRIPT = fileURLToPath(new URL('./fixtures/server.mjs', import.meta.url));
