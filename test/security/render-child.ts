// Renders the long-running payloads in one process (started once: tsx startup is slow on a
// busy box) and prints one JSON line per payload as it ends: its RenderOutcome (the child
// measures the render itself), the realm changes and the follow-up render's output.
import { readFileSync } from 'node:fs';
import { compileTemplate, renderTemplate, type RenderLimits } from '../../src/index.js';
import { payloadSource, realmChanges, renderOutcome, snapshotRealm } from './sandbox-probe.js';

type Payload = { template?: string; build?: Array<[string, number]>; vars?: Record<string, unknown>; limits?: Partial<RenderLimits> };
const payloads = JSON.parse(readFileSync(0, 'utf8')) as Payload[];
renderTemplate('{{ warm }}', { warm: 1 });
for (const [index, payload] of payloads.entries()) {
  const source = payloadSource(payload);
  const before = snapshotRealm();
  const { limits } = payload;
  const outcome = renderOutcome(() => (limits ? compileTemplate(source, { limits }).render(payload.vars ?? {}) : renderTemplate(source, payload.vars ?? {})));
  const changes = realmChanges(before, snapshotRealm());
  let next = '';
  try {
    next = renderTemplate('Hello {{ name }}!', { name: 'Ada' });
  } catch (error) {
    next = `threw ${String(error)}`;
  }
  const result = { outcome: { ...outcome, text: outcome.text.slice(0, 2000) }, length: outcome.text.length, changes, next };
  process.stdout.write(`${JSON.stringify({ index, result })}\n`);
}
