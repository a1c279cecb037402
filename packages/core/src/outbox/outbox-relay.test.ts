import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EVENTS_STREAM, newId } from '@switchboard/events';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateCore } from '../db/migrate';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { events } from '../db/schema';
import { createWriteQueue, type WriteQueue } from '../db/write-queue';
import { connectNats } from '../nats/connect-nats';
import { startNatsServer, type NatsServerProcess } from '../nats/nats-server-process';
import { ensureStreams } from '../nats/streams';
import { createOutboxRelay } from './outbox-relay';

describe('outbox relay', () => {
  let dir: string;
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let dbh: DatabaseHandle;
  let queue: WriteQueue;
  const logger = pino({ level: 'silent' });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-relay-'));
    nats = await startNatsServer({ storeDir: join(dir, 'nats') });
    nc = await connectNats({ servers: [nats.url] }, 'relay-test');
    await ensureStreams(nc);
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true });
  });
  afterAll(async () => {
    await nc?.close();
    dbh?.close();
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const append = (count: number) =>
    queue.write(async (tx) => {
      for (let i = 0; i < count; i++) {
        const id = newId();
        const time = new Date().toISOString();
        const envelope = JSON.stringify({ specversion: '1.0', id, source: 'switchboard/core', type: 'core.test.appended.v1', time, subject: id, data: { i } });
        await tx.insert(events).values({ id, type: 'core.test.appended.v1', envelope, time });
      }
    });
  const streamMessages = async () => (await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM)).state.messages;

  it('publishes in order and marks what it published in one later write', async () => {
    const relay = createOutboxRelay({ client: dbh.client, queue, nc, logger, markEveryMs: 50 });
    relay.start();
    await append(5);
    relay.wake();
    await relay.flushed();
    expect(await streamMessages()).toBe(5);
    expect(await relay.backlog()).toBe(0);
    await relay.stop();
  });

  it('after a crash between publishing and marking, the next relay publishes again and JetStream drops the copies', async () => {
    const crashed = createOutboxRelay({ client: dbh.client, queue, nc, logger, markEveryMs: 60_000 });
    crashed.start();
    await append(3);
    crashed.wake();
    await expect.poll(streamMessages).toBe(8);
    // Published, not yet marked: the crash comes now (the relay is never stopped).
    expect(await crashed.backlog()).toBe(3);

    const next = createOutboxRelay({ client: dbh.client, queue, nc, logger, markEveryMs: 50 });
    next.start();
    await next.flushed();
    expect(await next.backlog()).toBe(0);
    expect(await streamMessages()).toBe(8);
    await next.stop();
    await crashed.stop();
  });
});
