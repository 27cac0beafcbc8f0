/**
 * `npm run demo`: the whole flow on one machine. Starts the example CRM endpoint,
 * loads the context for a few callers like the voice runtime does before a call,
 * and prints the greeting each caller would hear, with the system variables
 * (time_of_day: "Good morning!") for an agent in San Francisco. DEMO_NOW=<ISO time>
 * pins the clock.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildTemplateVariables, createContextClient, renderTemplate, type CallInfo } from '../src/index.js';
import { startCrmServer } from './crm-server.js';

const callers = [
  { label: 'VIP customer with an open ticket', contactNumber: '+14155550101' },
  { label: 'New customer, minimal data', contactNumber: '+14155550102' },
  { label: 'Suspended account', contactNumber: '+14155550103' },
  { label: 'Unknown caller', contactNumber: '+14155550199' },
];

const server = await startCrmServer();
const client = createContextClient(
  { endpoint: server.url, auth: { type: 'bearer', token: server.token }, timeoutMs: 5_000 },
  // The demo endpoint is plain http on loopback. Production refuses both (a customer's
  // endpoint must not reach the platform's own network), so only a local demo lifts them.
  { allowHttp: true, allowPrivateNetwork: true },
);
const now = process.env.DEMO_NOW === undefined ? Date.now() : Date.parse(process.env.DEMO_NOW);
const greeting = readFileSync(new URL('./greeting.j2', import.meta.url), 'utf8');

try {
  console.log(`Example CRM endpoint: ${server.url}\n`);
  for (const caller of callers) {
    const call: CallInfo = {
      agentUuid: '6f1c2a9e-4b7d-4e43-9a51-0c8d2f7b3e10',
      direction: 'inbound',
      agentNumber: '+14155550000',
      contactNumber: caller.contactNumber,
      roomSid: `demo-${randomUUID()}`,
    };
    const result = await client.load(call);
    // load() never rejects: on an endpoint fault the call goes on with empty variables.
    const status = result.ok ? `${result.source}, ${Math.round(result.durationMs)} ms` : `failed: ${result.error.code}`;
    console.log(`● ${caller.label} (${caller.contactNumber}; ${status})`);
    // The system variables (the time where the caller is, the call's numbers) under the endpoint's.
    const variables = buildTemplateVariables({ call, context: result.variables, timezone: 'America/Los_Angeles', now });
    console.log(`  ${renderTemplate(greeting, variables)}\n`);
  }
} finally {
  await client.close();
  await server.close();
}
