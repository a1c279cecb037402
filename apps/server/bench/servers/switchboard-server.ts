// The real Switchboard core with the channel-api plugin, as the CLI composes it, in its own
// process so the load generator does not share its event loop and its memory can be measured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AttachmentsConfigSchema, createSwitchboard, freePort } from '@switchboard/core';
import channelApi from '@switchboard/plugin-channel-api';
import { pino } from 'pino';
import * as v from 'valibot';
import { serveHarness } from './harness-ipc';

const dataDir = required('DATA_DIR');
const natsUrl = required('NATS_URL');
const inboundToken = required('INBOUND_TOKEN');
const admin = { email: 'bench@example.com', password: 'bench-admin-password' };

// Stands in for the integrator's endpoint; inbound traffic never reaches it.
const receiver = createServer((req, res) => {
  req.resume();
  req.once('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"bench"}'));
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));

const port = await freePort();
const sb = createSwitchboard({
  database: { url: `file:${join(dataDir, 'switchboard.db')}` },
  nats: { servers: [natsUrl] },
  http: { port, host: '127.0.0.1' },
  dataDir,
  attachments: v.parse(AttachmentsConfigSchema, {}),
  auth: { bootstrapAdmin: admin, sessionTtlHours: 12 },
  plugins: [
    {
      definition: channelApi,
      options: { outbound: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` } },
      secrets: { inboundToken, webhookSecret: 'bench-webhook-secret' },
    },
  ],
  logger: pino({ level: 'warn' }, pino.destination(2)),
  // Bundled (see buildBenchServers), the writer thread starts from core-writer.js beside this file,
  // as dist/cli.js starts dist/core-writer.js; from sources the core finds its own.
  writerEntry: import.meta.url.endsWith('.js') ? new URL('./core-writer.js', import.meta.url) : undefined,
});
const { url } = await sb.start();

const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
if (!login.ok) throw new Error(`switchboard-server: admin login failed with ${login.status}: ${await login.text()}`);
const { token } = (await login.json()) as { token: string };

serveHarness(
  { url, adminToken: token },
  {
    stop: async () => {
      await sb.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
    handlers: { flushed: () => sb.flushed() },
  },
);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`switchboard-server: ${name} is not set (started by bench/run.ts)`);
  return value;
}
