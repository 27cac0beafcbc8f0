import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient } from '../../src/client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { AUTHS, CALL, expectNoSecrets } from './fixtures.js';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let server: TestServer;
let ca: Buffer;

beforeAll(async () => {
  if (!hasOpenssl) return;
  // A fresh self-signed certificate for 127.0.0.1, made for this run only.
  const dir = mkdtempSync(join(tmpdir(), 'dc-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'));
  ca = readFileSync(join(dir, 'cert.pem'));
  rmSync(dir, { recursive: true, force: true });
  server = await createTestServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"secure":true}');
  }, { https: { key, cert: ca } });
});
afterAll(() => server?.close());

describe.skipIf(!hasOpenssl)('https', () => {
  // allowPrivateNetwork only so the loopback destination passes the SSRF guard: the TLS check is what is under test.
  it('refuses a certificate that no trusted CA signed, with a certificate hint', async () => {
    const client = createContextClient({ endpoint: `${server.url}/ctx`, auth: AUTHS.bearer }, { allowPrivateNetwork: true });
    const error = await client.fetch(CALL).catch((e: unknown) => e);
    const report = await client.test(CALL);
    await client.close();
    expect(error).toMatchObject({ code: 'network_error', message: expect.stringMatching(/certificate/), hint: expect.stringMatching(/certificate/) });
    expect(report).toMatchObject({ ok: false, error: { code: 'network_error' } });
    expect(report.warnings.join(' ')).not.toMatch(/plain http/);
    expectNoSecrets([error, report]);
  });

  it('accepts it when the platform passes a dispatcher that trusts the CA', async () => {
    const dispatcher = new Agent({ connect: { ca } });
    const client = createContextClient({ endpoint: `${server.url}/ctx`, auth: AUTHS.bearer }, { allowPrivateNetwork: true, dispatcher });
    await expect(client.fetch(CALL)).resolves.toEqual({ secure: true });
    await client.close();
    // The client does not own a platform dispatcher: it must still work after close().
    const again = createContextClient({ endpoint: `${server.url}/ctx` }, { allowPrivateNetwork: true, dispatcher });
    await expect(again.fetch(CALL)).resolves.toEqual({ secure: true });
    await again.close();
    await dispatcher.close();
  });
});
