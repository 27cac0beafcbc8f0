/**
 * Load the context from an endpoint, the way the voice runtime does before a call.
 *
 *   CONTEXT_ENDPOINT=https://crm.example.com/context CONTEXT_TOKEN=… npx tsx examples/load.ts +14155550101
 *
 * Against the example CRM server on this machine (plain http on loopback, which the safe
 * defaults refuse), allow both explicitly:
 *
 *   CONTEXT_ENDPOINT=http://127.0.0.1:8787/context CONTEXT_TOKEN=… \
 *     CONTEXT_ALLOW_HTTP=1 CONTEXT_ALLOW_PRIVATE_NETWORK=1 npx tsx examples/load.ts +14155550101
 */
import { randomUUID } from 'node:crypto';
import { createContextClient, isContextError, type ContextClient } from '../src/index.js';

const endpoint = process.env.CONTEXT_ENDPOINT;
const token = process.env.CONTEXT_TOKEN;
const allowHttp = process.env.CONTEXT_ALLOW_HTTP === '1';
const allowPrivateNetwork = process.env.CONTEXT_ALLOW_PRIVATE_NETWORK === '1';

/** Prints what went wrong and what to change, then exits 1: no stack trace for a setup mistake. */
function fail(message: string, hint: string): never {
  console.error(`error: ${message}\nhint: ${hint}`);
  process.exit(1);
}

// The env vars that lift each safe default, for the codes those defaults produce.
function envHint(code: string): string | undefined {
  if (code === 'invalid_config' && endpoint?.startsWith('http:') && !allowHttp) return 'for a local http endpoint, set CONTEXT_ALLOW_HTTP=1 (and CONTEXT_ALLOW_PRIVATE_NETWORK=1 for 127.0.0.1).';
  if (code === 'blocked_destination' && !allowPrivateNetwork) return 'for an endpoint on this machine or your network, set CONTEXT_ALLOW_PRIVATE_NETWORK=1.';
  return undefined;
}

if (!endpoint) fail('CONTEXT_ENDPOINT is not set', 'set it to your context endpoint, e.g. CONTEXT_ENDPOINT=https://crm.example.com/context.');

let client: ContextClient;
try {
  client = createContextClient(
    { endpoint, auth: token ? { type: 'bearer', token } : { type: 'none' } },
    { allowHttp, allowPrivateNetwork },
  );
} catch (error) {
  if (!isContextError(error)) throw error;
  fail(error.message, envHint(error.code) ?? error.hint);
}

const result = await client.load({
  agentUuid: '6f1c2a9e-4b7d-4e43-9a51-0c8d2f7b3e10',
  direction: 'inbound',
  contactNumber: process.argv[2] ?? '+14155550101',
  roomSid: `example-${randomUUID()}`,
});
await client.close();
// load never throws on endpoint faults: the runtime goes on with empty variables. Here, say why.
if (!result.ok) fail(result.error.message, envHint(result.error.code) ?? result.error.hint);
console.log(JSON.stringify(result.variables, null, 2));
