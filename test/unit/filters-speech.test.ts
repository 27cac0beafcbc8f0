import { describe, expect, it } from 'vitest';
import { buildTemplateVariables, renderTemplate } from '../../src/index.js';

const render = (source: string, vars: Record<string, unknown> = {}) => renderTemplate(`{{ ${source} | default('-') }}`, vars);

describe('speech filters: what a voice says', () => {
  const cases = [
    { template: "'+1 (415) 555-0123' | spell_phone", expected: '1, 4 1 5, 5 5 5, 0 1 2 3' },
    { template: "'415.555.0123' | spell_phone", expected: '4 1 5, 5 5 5, 0 1 2 3' },
    { template: "'+44 20 7946 0958' | spell_phone", expected: '4 4, 2 0 7, 9 4 6, 0 9 5 8' },
    { template: "'555-0123' | spell_phone", expected: '5 5 5, 0 1 2 3' },
    { template: "'911' | spell_phone", expected: '9 1 1' },
    { template: '4155550123 | spell_phone', expected: '4 1 5, 5 5 5, 0 1 2 3' },
    { template: "'4111 1111 1111 1234' | last_four", expected: '1 2 3 4' },
    { template: "'+14155550123' | last_four", expected: '0 1 2 3' },
    { template: '1234.5 | money', expected: '$1,234.50' },
    { template: "1234.5 | money('EUR', 'de-DE')", expected: '1.234,50 €' },
    { template: "'19.99' | money('GBP', 'en-GB')", expected: '£19.99' },
    { template: "-5 | money(currency='JPY', locale='ja-JP')", expected: '-￥5' },
    { template: '1 | ordinal', expected: '1st' },
    { template: '2 | ordinal', expected: '2nd' },
    { template: '3 | ordinal', expected: '3rd' },
    { template: '4 | ordinal', expected: '4th' },
    { template: '11 | ordinal', expected: '11th' },
    { template: '12 | ordinal', expected: '12th' },
    { template: '13 | ordinal', expected: '13th' },
    { template: '21 | ordinal', expected: '21st' },
    { template: '102 | ordinal', expected: '102nd' },
    { template: '111 | ordinal', expected: '111th' },
    { template: "'23' | ordinal", expected: '23rd' },
    { template: '4.0 | ordinal', expected: '4th' },
  ];
  it.each(cases)('renders {{ $template }} as "$expected"', ({ template, expected }) => {
    expect(render(template)).toBe(expected);
  });
});

describe('relative_day: a day said relative to the render\'s now, in its zone', () => {
  // Now: Sunday 8 March 2026, 21:30 in New York (Monday 01:30 UTC).
  const vars = buildTemplateVariables({ call: { agentUuid: 'a', direction: 'inbound', roomSid: 'r' }, timezone: 'America/New_York', now: Date.UTC(2026, 2, 9, 1, 30) });
  const cases = [
    { value: '2026-03-08T23:00:00-04:00', expected: 'today' },
    { value: '2026-03-09T02:00:00Z', expected: 'today' },
    { value: '2026-03-09T15:30:00-04:00', expected: 'tomorrow' },
    { value: '2026-03-07', expected: 'yesterday' },
    { value: '2026-03-10T09:00', expected: 'on Tuesday' },
    { value: '2026-03-14T09:00:00-04:00', expected: 'on Saturday' },
    { value: '2026-03-15T09:00:00-04:00', expected: 'on March 15' },
    { value: '2026-03-03', expected: 'on March 3' },
    { value: '2026-11-20', expected: 'on November 20' },
    { value: '2027-12-24', expected: 'on December 24, 2027' },
    { value: '2024-03-03', expected: 'on March 3, 2024' },
  ];
  it.each(cases)('says $value as "$expected"', ({ value, expected }) => {
    expect(render('when | relative_day', { ...vars, when: value })).toBe(expected);
  });

  it('follows the zone argument over the render\'s timezone', () => {
    // 01:30 UTC Monday is already Monday in Kolkata: the same instant is "today" there.
    expect(render("when | relative_day('Asia/Kolkata')", { ...vars, when: '2026-03-09T08:00:00+05:30' })).toBe('today');
    expect(render('when | relative_day', { ...vars, when: '2026-03-09T08:00:00+05:30' })).toBe('today');
    expect(render('when | relative_day', { ...vars, when: '2026-03-09T12:00:00+05:30' })).toBe('tomorrow');
  });

  it('leaves the year out of a date in the next year that is near', () => {
    const december = buildTemplateVariables({ call: { agentUuid: 'a', direction: 'inbound', roomSid: 'r' }, now: Date.UTC(2026, 11, 28, 12) });
    expect(render('when | relative_day', { ...december, when: '2027-01-05' })).toBe('on January 5');
    expect(render('when | relative_day', { ...december, when: '2027-01-01' })).toBe('on Friday');
  });

  it('reads "now" from the clock when the render has no current_datetime', () => {
    expect(render('when | relative_day', { when: new Date() })).toBe('today');
  });
});

describe('speech filters: lenient on missing and unfit data', () => {
  const cases = [
    'missing | spell_phone', 'none | spell_phone', "'' | spell_phone", "'call me' | spell_phone", "'1-800-FLOWERS' | spell_phone",
    "'1234567890123456789012' | spell_phone", '[1, 2] | spell_phone',
    'missing | last_four', "'123' | last_four", 'none | last_four', '{} | last_four',
    'missing | money', "'lots' | money", 'none | money', "1 | money('dollars')", "1 | money('USD', 'not a locale!')", "1 | money('ZZZ')", 'true | money',
    'missing | ordinal', '2.5 | ordinal', "'first' | ordinal", 'none | ordinal', 'true | ordinal',
    'missing | relative_day', "'soon' | relative_day", "'2026-03-10' | relative_day('Mars/Base')", 'none | relative_day',
  ];
  it.each(cases)('gives undefined for {{ %s }}', (template) => {
    expect(render(template)).toBe('-');
  });
});
