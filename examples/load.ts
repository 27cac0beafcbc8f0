/**
 * Load the context from your own endpoint, the way the voice runtime does before a call.
 * Usage: CONTEXT_ENDPOINT=https://crm.example.com/context CONTEXT_TOKEN=... \
 *          npx tsx examples/load.ts +14155550101
 */
import { randomUUID } from 'node:crypto';
import { createContextClient } from '../src/index.js';

const client = createContextClient({
  endpoint: process.env.CONTEXT_ENDPOINT ?? 'https://crm.example.com/context',
  auth: process.env.CONTEXT_TOKEN ? { type: 'bearer', token: process.env.CONTEXT_TOKEN } : { type: 'none' },
});
const result = await client.load({
  agentUuid: '6f1c2a9e-4b7d-4e43-9a51-0c8d2f7b3e10',
  direction: 'inbound',
  contactNumber: process.argv[2] ?? '+14155550101',
  roomSid: `example-${randomUUID()}`,
});
// Never throws on endpoint faults: check ok, and keep going with empty variables if not.
console.log(result.ok ? result.variables : `${result.error.code}: ${result.error.hint}`);
await client.close();
