// Renders one payload in its own process (payloads that may run for a long time) and
// prints a JSON RenderOutcome plus the realm changes and the follow-up render's output.
import { readFileSync } from 'node:fs';
import { renderTemplate } from '../../src/index.js';
import { payloadSource, realmChanges, renderOutcome, snapshotRealm } from './sandbox-probe.js';

const payload = JSON.parse(readFileSync(0, 'utf8')) as { template?: string; build?: Array<[string, number]>; vars?: Record<string, unknown> };
const source = payloadSource(payload);
renderTemplate('{{ warm }}', { warm: 1 });
const before = snapshotRealm();
const outcome = renderOutcome(() => renderTemplate(source, payload.vars ?? {}));
const changes = realmChanges(before, snapshotRealm());
let next = '';
try {
  next = renderTemplate('Hello {{ name }}!', { name: 'Ada' });
} catch (error) {
  next = `threw ${String(error)}`;
}
process.stdout.write(JSON.stringify({ outcome: { ...outcome, text: outcome.text.slice(0, 2000) }, length: outcome.text.length, changes, next }));
