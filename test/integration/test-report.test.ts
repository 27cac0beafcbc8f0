import { describe, expect, it, onTestFinished } from 'vitest';
import { createContextClient } from '../../src/index.js';
import { createTestServer, readBody } from '../helpers/test-server.js';
import { AUTHS, CALL, LOOPBACK, SECRETS, expectNoSecrets } from './fixtures.js';

async function serve(handler: Parameters<typeof createTestServer>[0]) {
  const server = await createTestServer(handler);
  onTestFinished(server.close);
  return server;
}

function clientOf(endpoint: string, auth = AUTHS.bearer, options = LOOPBACK) {
  const client = createContextClient({ endpoint, auth }, options);
  onTestFinished(() => client.close());
  return client;
}

const ok = (body = '{"customer":{"first_name":"Ada"}}') => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(body);
};

describe('Test report: precise hints', () => {
  it.each([
    { name: 'a 401 to a request without credentials', auth: AUTHS.none, status: 401, message: /status 401, and the request sent no credentials/, hint: /wants credentials and none are configured: add the bearer token/ },
    { name: 'a 401 to a request with a token', auth: AUTHS.bearer, status: 401, message: /status 401 \(POST/, hint: /refused the credentials; check that the token/ },
  ])('tells $name apart', async ({ auth, status, message, hint }) => {
    const server = await serve((_req, res) => void res.writeHead(status).end());
    const report = await clientOf(`${server.url}/ctx`, auth).test(CALL);
    expect(report).toMatchObject({ ok: false, status, error: { code: 'unauthorized', message, hint } });
  });

  it('says an https URL on a plain-http port is not a certificate problem', async () => {
    const server = await serve(ok());
    const report = await clientOf(`https://127.0.0.1:${server.port}/ctx`, AUTHS.bearer, { allowPrivateNetwork: true }).test(CALL);
    expect(report.error?.message).toMatch(/the server answered TLS with plain HTTP/);
    expect(report.error?.hint).toBe(`Port ${server.port} serves plain http, not https: this is not a certificate problem; use the port where the endpoint serves https (usually 443), or an http:// URL for a local test.`);
  });

  it('quotes the head of a 500 page, bounded and with echoed credentials scrubbed', async () => {
    const server = await serve((req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Traceback:\n  KeyError: 'tier'\n  auth was ${req.headers.authorization}\n${'x'.repeat(100_000)}`);
    });
    const report = await clientOf(`${server.url}/ctx`).test(CALL);
    expect(report.error?.hint).toMatch(/^The endpoint failed with status 500; check its logs for this request \(its body began: "Traceback: KeyError: 'tier' auth was Bearer \[redacted\] x+…"\)\.$/);
    expect(report.error!.hint.length).toBeLessThan(400);
    expectNoSecrets(report);
  });

  it.each([
    { name: 'an absolute Location', location: 'https://new.example.com/v2/context?api_key=k-SECRET-1#top', target: 'https://new.example.com/v2/context' },
    { name: 'a relative Location', location: '/v2/context?x=1', target: '/v2/context' },
    { name: 'a Location with credentials', location: 'https://user:pw-SECRET-9@new.example.com/ctx', target: 'https://new.example.com/ctx' },
  ])('names the URL to save for $name, without credentials or query', async ({ location, target }) => {
    const server = await serve((_req, res) => void res.writeHead(301, { location }).end());
    const report = await clientOf(`${server.url}/ctx`).test(CALL);
    const expected = target.startsWith('/') ? `${server.url}${target}` : target;
    expect(report.error?.hint).toBe(`The endpoint redirects to ${expected}; save that URL in the settings, because redirects are not followed.`);
    expect(JSON.stringify(report)).not.toMatch(/SECRET|api_key|x=1/);
  });
});

describe('Test report: timings and the request as sent', () => {
  it('splits the time into DNS, connect, first byte and body when the client owns the connection', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 300);
    });
    // A made-up name resolved by an injected lookup to loopback: the DNS phase is real, the traffic stays local.
    const lookup = async () => [{ address: '127.0.0.1', family: 4 as const }];
    const report = await clientOf(`http://crm.test:${server.port}/ctx`, AUTHS.bearer, { ...LOOPBACK, lookup }).test(CALL);
    expect(report.ok).toBe(true);
    expect(Object.keys(report.timings ?? {})).toEqual(['dnsMs', 'connectMs', 'firstByteMs', 'bodyMs']);
    // A timer never fires early; the margin absorbs a first byte noticed late on a loaded machine.
    expect(report.timings!.bodyMs).toBeGreaterThanOrEqual(150);
    const total = Object.values(report.timings!).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(report.durationMs + 1);
  });

  it('has no DNS phase for an IP literal and no TLS phase over http', async () => {
    const server = await serve(ok());
    const report = await clientOf(`${server.url}/ctx`).test(CALL);
    expect(Object.keys(report.timings ?? {})).toEqual(['connectMs', 'firstByteMs', 'bodyMs']);
  });

  it.each(['bearer', 'basic', 'header'] as const)('shows the request as sent with the %s credential masked', async (kind) => {
    let received = '';
    const server = await serve(async (req, res) => {
      received = await readBody(req);
      ok()(req, res);
    });
    const report = await clientOf(`${server.url}/ctx?key=${SECRETS.token}`, AUTHS[kind]).test(CALL);
    expect(report.request).toMatchObject({ method: 'POST', url: `${server.url}/ctx?[redacted]`, body: received });
    const auth = { bearer: ['authorization', 'Bearer [redacted]'], basic: ['authorization', 'Basic [redacted]'], header: ['x-api-key', '[redacted]'] }[kind];
    expect(report.request?.headers[auth[0]!]).toBe(auth[1]);
    expect(report.request?.headers['x-contact-number']).toBe(CALL.contactNumber);
    expectNoSecrets(report);
  });

  it('checks templates against the answer, and against no context after a failure', async () => {
    const server = await serve(ok());
    const templates = { greeting: 'Hi {{ customer.first_name }}, {{ customer.tier }}.' };
    const report = await clientOf(`${server.url}/ctx`).test(CALL, { templates });
    expect(report.templates?.greeting).toMatchObject({ ok: false, output: 'Hi Ada, .' });
    expect(report.templates?.greeting?.findings.map((f) => f.kind)).toEqual(['missing', 'spoken_artifact']);
    const down = await clientOf(`${server.url.replace(/:\d+$/, ':1')}/ctx`).test(CALL, { templates });
    expect(down.templates?.greeting?.output).toBe('Hi , .');
  });
});
