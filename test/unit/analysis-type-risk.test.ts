import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/index.js';

const risks = (source: string, variables: Record<string, unknown>) =>
  checkTemplate(source, variables).findings.filter((f) => f.kind === 'type_risk').map((f) => [f.path, f.severity, f.message.split(' (')[0]]);

describe('checkTemplate: type_risk, a render that breaks when a value arrives as the other JSON type', () => {
  it.each([
    ['money formatted as a number', 'You owe {{ "%.2f" | format(balance) }}.', { balance: 12.5 }, [['balance', 'warning', 'balance is a number here, and the render fails if the endpoint sends it as text']]],
    ['arithmetic on two values', '{{ balance + fee }}', { balance: 12.5, fee: 1 }, [
      ['balance', 'warning', 'balance is a number here, and the render fails if the endpoint sends it as text'],
      ['fee', 'warning', 'fee is a number here, and the render fails if the endpoint sends it as text'],
    ]],
    ['a phone number sliced as text', 'ends in {{ phone[-4:] }}', { phone: '4155550101' }, [['phone', 'warning', 'phone is text that reads as a number here, and the render fails if the endpoint sends a JSON number']]],
    ['loop items', '{% for o in orders %}{{ "%d" % o.qty }} {% endfor %}', { orders: [{ qty: 1 }, { qty: 2 }] }, [['orders[].qty', 'warning', 'orders[].qty is a number here, and the render fails if the endpoint sends it as text']]],
  ])('flags %s', (_, source, variables, expected) => {
    expect(risks(source, variables)).toEqual(expected);
  });

  it.each([
    ['printing works with either type', 'You have {{ points }} points, {{ name }}.', { points: 12, name: 'Ana' }],
    ['converted where used', '{{ "%.2f" | format(balance | float) }}', { balance: 12.5 }],
    ['text repeated by a number is still text', '{% for o in orders %}{{ o.total * 2 }}{% endfor %}', { orders: [{ total: 3 }] }],
    ['a template that already fails is a render_error, not a risk', '{{ "%d" % name }}', { name: 'Ana' }],
  ])('stays quiet when %s', (_, source, variables) => {
    expect(risks(source, variables)).toEqual([]);
  });

  it('keeps the check a warning: ok stays true', () => {
    expect(checkTemplate('{{ balance + 1 }}', { balance: 2 }).ok).toBe(true);
  });
});
