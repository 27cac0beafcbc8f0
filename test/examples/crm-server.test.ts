import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone, startCrmServer, type CrmServer } from '../../examples/crm-server.js';
import { CLI_TEST_TIMEOUT_MS, ROOT } from '../cli/run-cli.js';

const TOKEN = 'crm-test-token-3f7a';
let server: CrmServer;
beforeAll(async () => {
  server = await startCrmServer({ token: TOKEN });
});
afterAll(() => server.close());

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

describe('example CRM endpoint', () => {
  it('listens on 127.0.0.1 and hands back the token it checks', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/context$/);
    expect(server.token).toBe(TOKEN);
  });

  it.each([
    { name: 'no Authorization header', headers: { Authorization: '' } },
    { name: 'a wrong bearer token', headers: { Authorization: 'Bearer nope' } },
    { name: 'basic auth instead of bearer', headers: { Authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` } },
  ])('answers 401 JSON for $name', async ({ headers }) => {
    const response = await post({ contact_number: '+14155550101' }, headers);
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 405 to anything but POST, 415 to a non-JSON body, 400 to malformed JSON', async () => {
    const get = await fetch(server.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post('x', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('{"contact_number":')).status).toBe(400);
  });

  it.each(['+14155550101', '4155550101', '(415) 555-0101', '+1 415-555-0101'])('finds a caller by phone number written as %s', async (number) => {
    const { status, json } = await post({ agent_uuid: 'a', direction: 'inbound', medium: 'phone', contact_number: number });
    expect(status).toBe(200);
    expect(json).toMatchObject({ known: true, customer: { id: 'C-1001', first_name: 'Maria' }, account: { tier: 'VIP' } });
  });

  it.each([
    { externalId: 'web-dokafor', id: 'C-1003' },
    { externalId: 48213, id: 'C-1004' },
    { externalId: '48213', id: 'C-1004' },
  ])('finds a web visitor by external_id $externalId', async ({ externalId, id }) => {
    const { json } = await post({ medium: 'web', external_id: externalId });
    expect(json.customer.id).toBe(id);
  });

  it('answers 200 { known: false, customer: null } for an unknown contact', async () => {
    const { status, json } = await post({ medium: 'phone', contact_number: '+14155550199' });
    expect(status).toBe(200);
    expect(json).toEqual({ known: false, customer: null, account: null, orders: [], tickets: [], appointments: [] });
  });

  it('answers in the documented shape: newest orders first, open tickets only, nothing internal', async () => {
    const { json, text } = await post({ contact_number: '+14155550103' });
    expect(Object.keys(json)).toEqual(['known', 'customer', 'account', 'orders', 'tickets', 'appointments']);
    expect(json.account).toMatchObject({ status: 'suspended', suspension_reason: 'payment overdue' });
    expect(json.orders.map((order: { placed_on: string }) => order.placed_on)).toEqual(['2025-03-11', '2024-08-19']);
    expect(json.tickets.every((ticket: { status: string }) => ticket.status === 'open')).toBe(true);
    expect(text).not.toMatch(/internal|password_hash|risk_band/);
  });

  it('keeps the nulls of a new customer with minimal data', async () => {
    const { json } = await post({ contact_number: '+14155550102' });
    expect(json.customer).toMatchObject({ first_name: 'Sam', last_name: null, email: null });
    expect(json.orders).toEqual([]);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-0101', '+14155550101'],
    ['415.555.0101', '+14155550101'],
    ['0049 30 901820', '+4930901820'],
    ['+44 20 7946 0958', '+442079460958'],
    ['12', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe('npm run demo', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints the greetings of a VIP, a new customer and a suspended account, by the time of day, then exits 0', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
      const env = { ...process.env, DEMO_NOW: '2026-03-08T09:30:00-07:00' };
      execFile(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { cwd: ROOT, env, timeout: 40_000 }, (error, out) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout: out });
      });
    });
    expect(code).toBe(0);
    // 09:30 in San Francisco: the greeting says good morning.
    expect(stdout).toContain('Good morning! Welcome back, Maria!');
    expect(stdout).toContain('Hi Sam, welcome to Northwind Outfitters');
    expect(stdout).toContain("Hi Daniel, thanks for calling Northwind Outfitters, this is Robin. I can see there's a hold on your account");
    expect(stdout).not.toContain('failed:');
  });
});
