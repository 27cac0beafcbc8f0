import { describe, expect, it } from 'vitest';
import { buildTestReport } from '../../src/report.js';
import { buildTemplateVariables, isContextError, renderTemplate, type CallInfo } from '../../src/index.js';

const CALL: CallInfo = {
  agentUuid: 'agent-1', direction: 'inbound', medium: 'phone',
  agentNumber: '+15550000001', contactNumber: '+14155550123', roomSid: 'RM1',
};
// Sunday 8 March 2026, 13:30 UTC: 09:30 in New York, just after the clocks went forward.
const NOW = Date.UTC(2026, 2, 8, 13, 30);

describe('buildTemplateVariables: system variables', () => {
  const vars = buildTemplateVariables({ call: CALL, timezone: 'America/New_York', now: NOW, contact: { first_name: 'Ada' } });
  const expected = {
    current_datetime: '2026-03-08T09:30:00-04:00',
    current_date: '2026-03-08',
    current_time: '09:30',
    timezone: 'America/New_York',
    time_of_day: 'morning',
    direction: 'inbound',
    medium: 'phone',
    agent_uuid: 'agent-1',
    agent_number: '+15550000001',
    contact_number: '+14155550123',
    room_sid: 'RM1',
    contact: { first_name: 'Ada' },
  };
  it.each(Object.entries(expected))('sets %s', (name, value) => {
    expect(vars[name]).toEqual(value);
  });

  it('holds exactly the system variables, none of them null', () => {
    expect(Object.keys(vars).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.values(vars)).not.toContain(null);
  });

  it('renders in a template', () => {
    expect(renderTemplate('Good {{ time_of_day }}, {{ contact.first_name }}. It is {{ current_datetime | datetime("%A at %-I:%M %p") }}.', vars))
      .toBe('Good morning, Ada. It is Sunday at 9:30 AM.');
  });
});

describe('buildTemplateVariables: call facts', () => {
  it('leaves unknown call facts out, never null, and defaults medium to phone and contact to {}', () => {
    const vars = buildTemplateVariables({ call: { agentUuid: 'a', direction: 'outbound', roomSid: 'r' }, now: NOW });
    for (const name of ['agent_number', 'contact_number', 'external_id']) expect(Object.hasOwn(vars, name)).toBe(false);
    expect(vars).toMatchObject({ medium: 'phone', direction: 'outbound', contact: {}, timezone: 'UTC' });
    expect(renderTemplate('{{ contact_number | default("unknown") }}', vars)).toBe('unknown');
  });

  it('sets external_id for a web call and leaves it out for a phone call, as the request does', () => {
    const web = buildTemplateVariables({ call: { agentUuid: 'a', direction: 'inbound', medium: 'web', externalId: 42, roomSid: 'r' }, now: NOW });
    const phone = buildTemplateVariables({ call: { agentUuid: 'a', direction: 'inbound', externalId: 42, roomSid: 'r' }, now: NOW });
    expect(web.external_id).toBe(42);
    expect(web.medium).toBe('web');
    expect(Object.hasOwn(phone, 'external_id')).toBe(false);
  });
});

describe('buildTemplateVariables: the clock', () => {
  const cases = [
    { zone: 'UTC', now: NOW, datetime: '2026-03-08T13:30:00+00:00', tod: 'afternoon' },
    { zone: 'Asia/Kolkata', now: NOW, datetime: '2026-03-08T19:00:00+05:30', tod: 'evening' },
    { zone: 'Asia/Kathmandu', now: NOW, datetime: '2026-03-08T19:15:00+05:45', tod: 'evening' },
    { zone: 'Pacific/Chatham', now: NOW, datetime: '2026-03-09T03:15:00+13:45', tod: 'night' },
    { zone: 'America/St_Johns', now: NOW, datetime: '2026-03-08T11:00:00-02:30', tod: 'morning' },
    { zone: 'America/New_York', now: Date.UTC(2026, 2, 8, 6, 59), datetime: '2026-03-08T01:59:00-05:00', tod: 'night' },
  ];
  it.each(cases)('says now in $zone as $datetime', ({ zone, now, datetime, tod }) => {
    const vars = buildTemplateVariables({ call: CALL, timezone: zone, now: new Date(now) });
    expect(vars.current_datetime).toBe(datetime);
    expect(vars.current_date).toBe(datetime.slice(0, 10));
    expect(vars.current_time).toBe(datetime.slice(11, 16));
    expect(vars.time_of_day).toBe(tod);
  });

  const hours = [[0, 'night'], [4, 'night'], [5, 'morning'], [11, 'morning'], [12, 'afternoon'], [16, 'afternoon'], [17, 'evening'], [21, 'evening'], [22, 'night'], [23, 'night']] as const;
  it.each(hours)('calls %i:59 local time %s', (hour, expected) => {
    expect(buildTemplateVariables({ call: CALL, now: Date.UTC(2026, 0, 1, hour, 59) }).time_of_day).toBe(expected);
  });

  it('uses the current time when now is not given', () => {
    const before = Date.now();
    const vars = buildTemplateVariables({ call: CALL });
    const seconds = Date.parse(vars.current_datetime as string);
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(seconds).toBeLessThanOrEqual(Date.now());
  });
});

describe('buildTemplateVariables: precedence', () => {
  it('lets every top-level key of the context win over a system variable of the same name', () => {
    const context = { current_date: 'yesterday', direction: 'sideways', contact: { first_name: 'Endpoint' }, time_of_day: 'teatime', plan: 'gold' };
    const vars = buildTemplateVariables({ call: CALL, context, contact: { first_name: 'Platform' }, now: NOW });
    expect(vars).toMatchObject(context);
    expect(vars.current_time).toBe('13:30');
  });

  it('moves current_* and time_of_day into the zone of a context timezone that is an IANA name', () => {
    const vars = buildTemplateVariables({ call: CALL, context: { timezone: 'Asia/Kolkata' }, timezone: 'America/New_York', now: NOW });
    expect(vars).toMatchObject({ timezone: 'Asia/Kolkata', current_datetime: '2026-03-08T19:00:00+05:30', current_time: '19:00', time_of_day: 'evening' });
  });

  it.each(['Mars/Olympus_Mons', 'asia/kolkata', '+05:30', 7, null])('ignores a context timezone of %j for the clock (the agent zone stays), but keeps the key', (timezone) => {
    const vars = buildTemplateVariables({ call: CALL, context: { timezone }, timezone: 'America/New_York', now: NOW });
    expect(vars).toMatchObject({ current_datetime: '2026-03-08T09:30:00-04:00', time_of_day: 'morning' });
    expect(vars.timezone).toBe(timezone);
  });

  it('keeps a context key named __proto__ as a plain variable', () => {
    const context = JSON.parse('{"__proto__": {"polluted": true}, "name": "Ada"}') as Record<string, unknown>;
    const vars = buildTemplateVariables({ call: CALL, context, now: NOW });
    expect(Object.hasOwn(vars, '__proto__')).toBe(true);
    expect((vars as { polluted?: unknown }).polluted).toBeUndefined();
    expect(renderTemplate('{{ name }}', vars)).toBe('Ada');
  });
});

describe('buildTemplateVariables: bad input', () => {
  const cases = [
    { name: 'an agent timezone that is not a zone', input: { call: CALL, timezone: 'Eastern' }, message: /timezone must be an IANA time zone name/ },
    { name: 'an invalid now', input: { call: CALL, now: new Date(Number.NaN) }, message: /now must be a valid Date/ },
    { name: 'a now past year 9999', input: { call: CALL, now: 8e15 }, message: /now must be a valid Date/ },
    { name: 'a now that is text', input: { call: CALL, now: '2026-03-08' as unknown as number }, message: /now must be a valid Date/ },
    { name: 'a context that is a list', input: { call: CALL, context: [] as unknown as Record<string, unknown> }, message: /context must be an object/ },
  ];
  it.each(cases)('throws a TypeError for $name', ({ input, message }) => {
    expect(() => buildTemplateVariables(input)).toThrow(TypeError);
    expect(() => buildTemplateVariables(input)).toThrow(message);
  });

  it('rejects a bad call as ContextError invalid_call, like load()', () => {
    let error: unknown;
    try {
      buildTemplateVariables({ call: { agentUuid: '', direction: 'inbound', roomSid: 'r' } });
    } catch (e) {
      error = e;
    }
    expect(isContextError(error) && error.code).toBe('invalid_call');
  });
});

describe('the Test report and the context timezone', () => {
  const outcome = (variables: Record<string, unknown>) => buildTestReport({ durationMs: 5, bytes: 40, plainHttp: false, disabled: false, context: { variables, warnings: [], merged: false } });
  it.each([['Mars/Base'], ['utc'], [42]])('warns when the response\'s timezone is %j, without quoting it', (timezone) => {
    const warning = outcome({ timezone }).warnings.find((w) => w.includes('timezone'));
    expect(warning).toMatch(/not an IANA time zone name.*agent's zone/);
    expect(warning).not.toContain(String(timezone));
  });
  it.each([['Asia/Kolkata'], ['UTC']])('says nothing about a timezone of %j', (timezone) => {
    expect(outcome({ timezone }).warnings.join(' ')).not.toMatch(/timezone/);
  });
});
