// The bare floor: what one Node process does for an inbound message with no Switchboard code at
// all — Hono POST → one libSQL INSERT (local file, WAL, synchronous=NORMAL) → one JetStream
// publish awaiting its ack → 200. MODE=group batches the INSERTs of one tick into one transaction.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient, type InStatement } from '@libsql/client';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Hono } from 'hono';
import { serveHarness } from './harness-ipc';

const mode = process.env.MODE === 'group' ? 'group' : 'direct';
const dbPath = required('DB_PATH');
const natsUrl = required('NATS_URL');

const client = createClient({ url: `file:${dbPath}`, intMode: 'number' });
await client.execute('PRAGMA journal_mode=WAL');
await client.execute('PRAGMA synchronous=NORMAL');
await client.execute('CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, thread TEXT NOT NULL, sender TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL)');

const nc = await connect({ servers: [natsUrl], name: `bench-floor-${mode}`, noAsyncTraces: true });
const jsm = await jetstreamManager(nc);
await jsm.streams.add({ name: 'BENCH_FLOOR', subjects: ['bench.floor.>'], retention: RetentionPolicy.Limits, storage: StorageType.File, duplicate_window: 10 * 60 * 1_000_000_000 });
const js = jetstream(nc, { timeout: 5000 });
const encoder = new TextEncoder();

type Inbound = { id: string; thread: string; from: { id: string }; text: string };

const insertSql = 'INSERT INTO messages (id, thread, sender, text, created_at) VALUES (?, ?, ?, ?, ?)';
const insert: (m: Inbound) => Promise<void> = mode === 'group' ? groupCommitInsert() : async (m) => void (await client.execute({ sql: insertSql, args: args(m) }));

const app = new Hono();
app.post('/messages', async (c) => {
  const m = (await c.req.json()) as Inbound;
  await insert(m);
  await js.publish('bench.floor.received', encoder.encode(JSON.stringify({ id: m.id, thread: m.thread, text: m.text })), { msgID: m.id });
  return c.json({ id: m.id }, 200);
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const port = (server.address() as AddressInfo).port;

serveHarness(
  { url: `http://127.0.0.1:${port}` },
  {
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await nc.drain().catch(() => undefined);
      client.close();
    },
    handlers: { count: async () => Number((await client.execute('SELECT COUNT(*) AS n FROM messages')).rows[0]?.n ?? 0) },
  },
);

function args(m: Inbound) {
  return [m.id, m.thread, m.from.id, m.text, new Date().toISOString()];
}

/** Every INSERT that arrives while a transaction runs joins the next one: one commit for many. */
function groupCommitInsert(): (m: Inbound) => Promise<void> {
  let pending: Array<{ stmt: InStatement; resolve: () => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await client.batch(batch.map((p) => p.stmt), 'write');
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
      await new Promise((r) => setImmediate(r));
    }
    scheduled = false;
  };
  return (m) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ stmt: { sql: insertSql, args: args(m) }, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`floor-server: ${name} is not set (started by bench/run.ts)`);
  return value;
}
