import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTemplateVariables, renderTemplate } from '../../src/index.js';

const prompt = readFileSync(new URL('../../examples/prompt.j2', import.meta.url), 'utf8');
const customers = JSON.parse(readFileSync(new URL('../../examples/customers.json', import.meta.url), 'utf8')) as Array<Record<string, unknown>>;
const call = { agentUuid: 'a', direction: 'inbound', contactNumber: '+14155550101', roomSid: 'r' } as const;

function promptFor(id: string, now: string): string {
  const { appointments, first_name: firstName } = customers.find((c) => c.id === id)!;
  const context = { known: true, customer: { first_name: firstName }, appointments };
  return renderTemplate(prompt, buildTemplateVariables({ call, context, timezone: 'America/Los_Angeles', now: Date.parse(now) }));
}

describe('examples/prompt.j2 says times the way a person would', () => {
  it('says an appointment relative to today, in the store\'s zone, on a 12-hour clock', () => {
    const text = promptFor('C-1001', '2025-07-01T09:00:00-07:00');
    expect(text).toContain('- Boot Fitting tomorrow at 3:30 PM, San Francisco store');
    expect(text).not.toContain('2025-07-02T15:30:00-07:00');
    expect(text).toContain('For the caller it is Tuesday, July 1, 9:00 AM.');
    expect(text).toContain('- Calling from: 1, 4 1 5, 5 5 5, 0 1 0 1');
  });

  it('names the weekday within the coming week and the date beyond it', () => {
    expect(promptFor('C-1004', '2025-06-26T09:00:00-07:00')).toContain('- Video Consultation on Monday at 10:00 AM');
    expect(promptFor('C-1004', '2025-06-01T09:00:00-07:00')).toContain('- Video Consultation on June 30 at 10:00 AM');
  });
});
