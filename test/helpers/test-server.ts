import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A loopback server started by a test. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` (or `https://` for an https server). */
  url: string;
  port: number;
  /** Requests received so far (every request, whatever the route). */
  readonly requests: number;
  /** Sockets open right now (kept-alive ones included). */
  readonly openSockets: number;
  /** Stops listening and destroys every open socket, including kept-alive ones. */
  close: () => Promise<void>;
}

export type TestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Starts a server on 127.0.0.1, port 0 (never any other address). Pass `https`
 * options (key, cert) to serve TLS instead.
 *
 * @example
 * const server = await createTestServer((req, res) => res.end('{}'));
 * onTestFinished(server.close);
 */
export async function createTestServer(handler: TestHandler, options: { https?: HttpsServerOptions } = {}): Promise<TestServer> {
  let requests = 0;
  const listener: RequestListener = (req, res) => {
    requests++;
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };
  const server: Server = options.https ? createHttpsServer(options.https, listener) : createServer(listener);
  const sockets = new Set<Socket>();
  // A TLS server reports raw sockets on 'connection' too, so this covers both kinds.
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.https ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get openSockets() {
      return sockets.size;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** Reads a request body as text (for handlers that echo what they received). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
