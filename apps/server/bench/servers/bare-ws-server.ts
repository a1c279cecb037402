// The reference for idle connection memory: a `ws` server that only holds its connections.
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serveHarness } from './harness-ipc';

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
// Answer a hello like the real hub does, so the client side is identical in both runs.
wss.on('connection', (ws) => ws.once('message', () => ws.send('{"type":"ready","head":0}')));

serveHarness(
  { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}` },
  {
    stop: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  },
);
