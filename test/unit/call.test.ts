import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCall, parseCall, resolveCleanCall } from '../../src/call.js';

const field = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' a', 'a ', '\tx', 'a\nb', 'é', '+15551234567', 'x'.repeat(1024), 'x'.repeat(1025)),
  fc.constant(undefined),
  fc.integer(),
);
const callLike = fc.record(
  {
    agentUuid: field,
    direction: fc.constantFrom('inbound', 'outbound', 'sideways', undefined),
    medium: fc.constantFrom('phone', 'web', 'fax', undefined),
    agentNumber: field,
    contactNumber: field,
    externalId: fc.oneof(field, fc.double()),
    roomSid: field,
  },
  { requiredKeys: [] },
);

describe('normalizeCall fast path', () => {
  it('resolves exactly what the schema resolves, whenever it resolves at all', () => {
    let fastHits = 0;
    fc.assert(
      fc.property(callLike, (call) => {
        const fast = resolveCleanCall(call);
        if (fast === undefined) return;
        fastHits++;
        expect(fast).toStrictEqual(parseCall(call));
      }),
      { numRuns: 2000 },
    );
    expect(fastHits).toBeGreaterThan(0);
  });

  it.each([
    { name: 'edge spaces', call: { agentUuid: ' a ', direction: 'inbound', roomSid: 'RM1' }, expected: { agentUuid: 'a', direction: 'inbound', medium: 'phone', roomSid: 'RM1' } },
    { name: 'empty optional field', call: { agentUuid: 'a', direction: 'inbound', roomSid: 'RM1', contactNumber: '' }, expected: { agentUuid: 'a', direction: 'inbound', medium: 'phone', roomSid: 'RM1' } },
  ])('leaves unusual but valid calls to the schema ($name)', ({ call, expected }) => {
    expect(resolveCleanCall(call)).toBeUndefined();
    expect(normalizeCall(call)).toStrictEqual(expected);
  });
});
