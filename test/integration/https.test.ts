import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextClient } from '../../src/client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { assertFreshDist, ROOT } from '../helpers/dist.js';
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
let caFile: string;
let certDir: string;

beforeAll(async () => {
  if (!hasOpenssl) return;
  // A fresh self-signed certificate for 127.0.0.1, made for this run only.
  const dir = (certDir = mkdtempSync(join(tmpdir(), 'dc-tls-')));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'));
  caFile = join(dir, 'cert.pem');
  ca = readFileSync(caFile);
  rmSync(join(dir, 'key.pem'));
  server = await createTestServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"secure":true}');
  }, { https: { key, cert: ca } });
});
afterAll(async () => {
  await server?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

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

  it("splits the Test report's time into connect, TLS, first byte and body over the client's own connection", async () => {
    // The client's own agent trusts only the system's CAs; a fresh process given the test CA
    // through NODE_EXTRA_CA_CERTS reaches the server without a platform dispatcher.
    assertFreshDist();
    const script = `const { createContextClient } = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))});
const client = createContextClient({ endpoint: ${JSON.stringify(`${server.url}/ctx`)} }, { allowPrivateNetwork: true });
const report = await client.test(${JSON.stringify(CALL)});
await client.close();
console.log(JSON.stringify({ ok: report.ok, timings: report.timings }));`;
    // Asynchronous: the server answering it lives in this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
    const { ok, timings } = JSON.parse(out) as { ok: boolean; timings: Record<string, number> };
    expect(ok).toBe(true);
    expect(Object.keys(timings)).toEqual(['connectMs', 'tlsMs', 'firstByteMs', 'bodyMs']);
    expect(timings.tlsMs).toBeGreaterThan(0);
  });
});
