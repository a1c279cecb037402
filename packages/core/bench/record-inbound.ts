// Times the core writer's inbound transaction at store level (no HTTP, no NATS): recordInbound
// through the group-commit queue on a local libSQL file, in batches of the size the writer thread
// sees under load, with the WAL checkpointer thread running as in the server.
// Run: pnpm --filter @switchboard/core bench:inbound [messages] [batch] [threads]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordInboundInputSchema } from '@switchboard/events';
import { pino } from 'pino';
import * as v from 'valibot';
import { migrateCore } from '../src/db/migrate';
import { openDatabase } from '../src/db/open-database';
import { startWalCheckpointer } from '../src/db/wal-checkpointer';
import { createWriteQueue } from '../src/db/write-queue';
import { createWriterLock } from '../src/db/writer-lock';
import { recordInbound } from '../src/store/record-inbound';

const [countArg, batchArg, threadsArg] = process.argv.slice(2);
const COUNT = Number(countArg ?? 20_000);
const BATCH = Number(batchArg ?? 32);
const THREADS = Number(threadsArg ?? 200);
/** Batches left out of the latency figures: the JIT and the first conversations of every thread. */
const WARM_UP_BATCHES = 50;

const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
const path = join(dir, 'bench.db');
const dbh = await openDatabase({ url: `file:${path}` });
try {
  await migrateCore(dbh.client);
  const lock = createWriterLock();
  const checkpointer = startWalCheckpointer({ path, lock: lock.buffer, logger: pino({ level: 'warn' }) });
  const queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true, lock });
  const input = (i: number) =>
    v.parse(RecordInboundInputSchema, {
      channel: 'api',
      account: 'bench',
      thread: `t${i % THREADS}`,
      providerMessageId: `m${i}`,
      from: { identity: { type: 'api', value: `c${i % THREADS}` }, name: `Customer ${i % THREADS}` },
      text: `Hello, this is message ${i}: my order has not arrived yet, could you check the tracking number please?`,
    });
  const batches: number[] = [];
  const start = performance.now();
  for (let i = 0; i < COUNT; ) {
    const t0 = performance.now();
    const jobs: Array<Promise<unknown>> = [];
    for (let j = 0; j < BATCH && i < COUNT; j++, i++) {
      const message = input(i);
      jobs.push(queue.write((tx) => recordInbound(tx, message, {})));
    }
    await Promise.all(jobs);
    batches.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  await checkpointer.stop();
  const timed = batches.slice(WARM_UP_BATCHES).sort((a, b) => a - b);
  const at = (q: number) => timed[Math.min(timed.length - 1, Math.floor(q * timed.length))]!.toFixed(1);
  console.log(
    `${COUNT} messages over ${THREADS} threads in batches of ${BATCH}: ${(COUNT / (total / 1000)).toFixed(0)} msg/s, ` +
      `${((total * 1000) / COUNT).toFixed(0)} µs per message; batch ms p50 ${at(0.5)} p99 ${at(0.99)} max ${at(1)}`,
  );
} finally {
  dbh.close();
  await rm(dir, { recursive: true, force: true });
}
