/**
 * A small but real context endpoint, the kind a customer puts in front of their CRM.
 * It answers the platform's pre-call POST with what the agent should know about the
 * caller. Run it alone with `npx tsx examples/crm-server.ts` (PORT and CRM_TOKEN are
 * read from the environment) or start it from code with `startCrmServer()`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { isContextError, verifyContextRequest } from '../src/index.js';

export interface CrmServerOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The bearer token callers must send. @default a random token */
  token?: string;
  /**
   * Standard Webhooks secret (`whsec_…`, or two during a rotation): when set, a request
   * without a valid, fresh signature is refused with 401. @default no signature check
   */
  signingSecret?: string | string[];
  /** One line per request (method, status, how the contact was found). @default silent */
  log?: (line: string) => void;
}

export interface CrmServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** A record in customers.json. `internal` is CRM-only and never leaves the server. */
interface CustomerRecord {
  id: string;
  phone: string;
  external_id: string | number | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  language: string | null;
  customer_since: string;
  account: Record<string, unknown> & { status: string };
  orders: Array<Record<string, unknown> & { placed_on: string }>;
  tickets: Array<Record<string, unknown> & { status: string }>;
  appointments: Array<Record<string, unknown>>;
  internal: Record<string, unknown>;
}

// The platform's request is a few hundred bytes; anything far larger is not from it.
const MAX_BODY_BYTES = 16 * 1024;
const MAX_ORDERS = 5;

/** Digits with a leading +, so "(415) 555-0101", "415.555.0101" and "+14155550101" meet. */
export function normalizePhone(input: string): string | undefined {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 6) return undefined;
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  // A bare 10-digit number is North American, as most of this dataset is.
  if (digits.length === 10) return `+1${digits}`;
  return `+${digits}`;
}

/** The customers with their two lookup indexes, built once at start. */
function loadDirectory(): { byPhone: Map<string, CustomerRecord>; byExternalId: Map<string, CustomerRecord> } {
  const records = JSON.parse(readFileSync(new URL('./customers.json', import.meta.url), 'utf8')) as CustomerRecord[];
  const byPhone = new Map<string, CustomerRecord>();
  const byExternalId = new Map<string, CustomerRecord>();
  for (const record of records) {
    const phone = normalizePhone(record.phone);
    if (phone) byPhone.set(phone, record);
    // The widget may send the id as a number or a string; both mean the same visitor.
    if (record.external_id !== null) byExternalId.set(String(record.external_id), record);
  }
  return { byPhone, byExternalId };
}

/** The documented answer: only what the agent needs, never `internal` fields. */
function toContext(record: CustomerRecord): Record<string, unknown> {
  const fullName = [record.first_name, record.last_name].filter(Boolean).join(' ') || null;
  return {
    known: true,
    customer: {
      id: record.id,
      first_name: record.first_name,
      last_name: record.last_name,
      full_name: fullName,
      email: record.email,
      language: record.language,
      customer_since: record.customer_since,
    },
    account: record.account,
    orders: [...record.orders].sort((a, b) => b.placed_on.localeCompare(a.placed_on)).slice(0, MAX_ORDERS),
    tickets: record.tickets.filter((ticket) => ticket.status === 'open'),
    appointments: record.appointments,
  };
}

// An unknown caller is normal (a new prospect), not a failure: 200 with known=false lets the
// greeting fall back to its defaults, where a 404 would be reported as an endpoint error.
const UNKNOWN_CONTACT = Object.freeze({ known: false, customer: null, account: null, orders: [], tickets: [], appointments: [] });

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The raw body: a signature covers the bytes as sent, so it is verified before any parsing. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400 });
  }
}

/** Starts the example endpoint; resolves once it listens. */
export async function startCrmServer(options: CrmServerOptions = {}): Promise<CrmServer> {
  const token = options.token ?? `demo-${randomBytes(12).toString('hex')}`;
  const log = options.log ?? (() => {});
  const { byPhone, byExternalId } = loadDirectory();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token)) {
      send(res, 401, { error: 'unauthorized', message: 'missing or wrong bearer token' }, { 'WWW-Authenticate': 'Bearer' });
      return 'unauthorized';
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return 'wrong method';
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      send(res, 415, { error: 'unsupported_media_type', message: 'send application/json' });
      return 'not json';
    }
    const text = await readBody(req);
    if (options.signingSecret !== undefined) {
      try {
        verifyContextRequest({ headers: req.headers, body: text, secret: options.signingSecret });
      } catch (error) {
        if (!isContextError(error)) throw error;
        send(res, 401, { error: 'unauthorized', message: 'missing, wrong or stale request signature' });
        return `signature refused: ${error.message}`;
      }
    }
    const body = parseJson(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      send(res, 400, { error: 'bad_request', message: 'the body must be a JSON object' });
      return 'bad body';
    }
    const { external_id: externalId, contact_number: contactNumber } = body as Record<string, unknown>;
    let record: CustomerRecord | undefined;
    let via = 'no identifier';
    if (typeof externalId === 'string' || typeof externalId === 'number') {
      record = byExternalId.get(String(externalId));
      via = 'external_id';
    } else if (typeof contactNumber === 'string') {
      const phone = normalizePhone(contactNumber);
      record = phone === undefined ? undefined : byPhone.get(phone);
      via = 'phone';
    }
    send(res, 200, record ? toContext(record) : UNKNOWN_CONTACT);
    return record ? `${record.id} by ${via}` : `unknown contact (${via})`;
  };

  const server = createServer((req, res) => {
    handle(req, res).then(
      (what) => log(`${req.method} ${req.url} ${res.statusCode} ${what}`),
      (error: { status?: number; message?: string }) => {
        const status = error.status ?? 500;
        if (!res.headersSent) send(res, status, { error: status === 500 ? 'internal_error' : 'bad_request', message: error.message });
        else res.destroy();
        log(`${req.method} ${req.url} ${status} ${error.message}`);
      },
    );
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/context`,
    token,
    // Kept-alive sockets would hold close() open until they time out.
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const server = await startCrmServer({
    port: Number(process.env.PORT ?? 8787),
    token: process.env.CRM_TOKEN || undefined,
    signingSecret: process.env.CRM_SIGNING_SECRET || undefined,
    log: (line) => console.log(line),
  });
  console.log(`Example CRM context endpoint listening on ${server.url}`);
  console.log(`Bearer token: ${server.token}`);
  if (process.env.CRM_SIGNING_SECRET) console.log('Requests must be signed with CRM_SIGNING_SECRET (set DYNAMIC_CONTEXT_SIGNING_SECRET to the same value).');
  console.log(`Try: DYNAMIC_CONTEXT_TOKEN=${server.token} node dist/cli.js preview --endpoint ${server.url} \\`);
  console.log('       --contact +14155550101 --template examples/greeting.j2 --allow-http --allow-private-network');
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}
