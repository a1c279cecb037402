import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, with the body exactly as sent. */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string };

/** How the receiver answers a request; the default answers 200 `{}`. */
export type Responder = (request: ReceivedRequest, res: ServerResponse) => void;

/** A local HTTP server standing in for an integrator's webhook endpoint. */
export type TestReceiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Sets how the following requests are answered. */
  respondWith(responder: Responder): void;
  close(): Promise<void>;
};

/**
 * Starts a real HTTP receiver on a free port that records every request.
 *
 * @example
 * const receiver = await startTestReceiver();
 * receiver.respondWith((_req, res) => res.writeHead(503).end());
 */
export async function startTestReceiver(): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  let responder: Responder = (_request, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      responder(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/switchboard?token=kept-out-of-messages`,
    requests,
    respondWith(next) {
      responder = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * A port where nothing listens, for network-error tests.
 *
 * @example
 * const url = `http://127.0.0.1:${await closedPort()}/`;
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
