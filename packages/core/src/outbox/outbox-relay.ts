import type { Client } from '@libsql/client';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { eventSubject } from '@switchboard/events';
import type { Logger } from '@switchboard/plugin-sdk';
import type { WriteQueue } from '../db/write-queue';
import { sql } from 'drizzle-orm';

/** Options of {@link createOutboxRelay}. */
export type OutboxRelayOptions = {
  client: Client;
  queue: WriteQueue;
  nc: NatsConnection;
  logger: Logger;
  /** Rows published per round. Default 500. */
  batchSize?: number;
  /** How often to look for rows another process (or a crash) left behind. Default 1000 ms. */
  pollMs?: number;
  /** How long published rows may wait to be marked as such (one write for all of them). Default 200 ms. */
  markEveryMs?: number;
  /** Called after each published batch with the number of events. */
  onPublished?: (count: number) => void;
};

/** The relay from the events table to JetStream. */
export type OutboxRelay = {
  start(): void;
  /** Asks for a round now (after a commit). */
  wake(): void;
  stop(): Promise<void>;
  /** Resolves once no unpublished row is left and the published ones are marked (for tests and shutdown). */
  flushed(): Promise<void>;
  /** Rows not yet marked as published right now. */
  backlog(): Promise<number>;
};

const encoder = new TextEncoder();

/**
 * Publishes committed events to JetStream in journal order, with the event id as `Nats-Msg-Id`
 * so a republish after a crash or a NATS outage is dropped by the server's de-duplication. While
 * NATS is down rows simply wait; the relay retries with backoff.
 *
 * The relay remembers how far it has published and marks the rows as published at most every
 * `markEveryMs`, in one write: marking each round's rows at once cost a transaction per commit of
 * the writers. A crash between publishing and marking republishes those rows, which JetStream's
 * de-duplication window (two minutes) drops. Rows become visible in journal order (writers take
 * turns), so everything up to the remembered position has been published.
 *
 * @example
 * const relay = createOutboxRelay({ client, queue, nc, logger });
 * relay.start();
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 1000;
  const markEveryMs = options.markEveryMs ?? 200;
  const js = jetstream(options.nc, { timeout: 5000 });
  let stopped = false;
  let wakeRequested = false;
  let loop: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let waiters: Array<() => void> = [];
  /** Every row up to here is published (or was marked by another relay). */
  let publishedThrough = 0;
  let markedThrough = 0;
  let markTimer: NodeJS.Timeout | null = null;
  let marking: Promise<void> | null = null;

  async function round(): Promise<number> {
    const result = await options.client.execute({
      sql: 'SELECT position, id, type, envelope FROM events WHERE published_at IS NULL AND position > ? ORDER BY position LIMIT ?',
      args: [publishedThrough, batchSize],
    });
    if (result.rows.length === 0) return 0;
    const rows = result.rows.map((r) => ({ position: Number(r.position), id: String(r.id), type: String(r.type), envelope: String(r.envelope) }));
    await Promise.all(rows.map((row) => js.publish(eventSubject(row.type), encoder.encode(row.envelope), { msgID: row.id })));
    publishedThrough = rows[rows.length - 1]!.position;
    scheduleMark();
    options.onPublished?.(rows.length);
    return rows.length;
  }

  function scheduleMark(): void {
    if (markTimer || stopped) return;
    markTimer = setTimeout(() => {
      markTimer = null;
      void mark().catch((err: unknown) => {
        options.logger.warn({ err }, 'outbox relay could not mark published events; it will again');
        scheduleMark();
      });
    }, markEveryMs);
  }

  /** Marks everything published so far, in one write. */
  async function mark(): Promise<void> {
    while (marking) await marking;
    const through = publishedThrough;
    if (through <= markedThrough) return;
    marking = (async () => {
      const now = new Date().toISOString();
      await options.queue.write(async (tx) => {
        await tx.run(sql`UPDATE events SET published_at = ${now} WHERE published_at IS NULL AND position <= ${through}`);
      });
      markedThrough = Math.max(markedThrough, through);
    })().finally(() => {
      marking = null;
    });
    await marking;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      wakeRequested = false;
      let published = 0;
      try {
        published = await round();
        failures = 0;
      } catch (err) {
        failures++;
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        options.logger.warn({ err, retryInMs: delay }, 'outbox relay could not publish; events wait in the outbox');
        await sleep(delay);
        continue;
      }
      if (published > 0) continue;
      if (waiters.length > 0) {
        try {
          await mark();
        } catch (err) {
          options.logger.warn({ err }, 'outbox relay could not mark published events; it will again');
          await sleep(250);
          continue;
        }
        const resolve = waiters;
        waiters = [];
        for (const w of resolve) w();
      }
      if (!wakeRequested) break;
    }
  }

  function kick(): void {
    if (stopped) return;
    wakeRequested = true;
    if (!loop) {
      loop = run().finally(() => {
        loop = null;
        if (wakeRequested && !stopped) kick();
      });
    }
  }

  return {
    start() {
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    wake: kick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (markTimer) clearTimeout(markTimer);
      markTimer = null;
      await loop;
      await mark().catch((err: unknown) => options.logger.warn({ err }, 'outbox relay could not mark published events before stopping; they are republished (and de-duplicated) at the next start'));
    },
    flushed() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        kick();
      });
    },
    async backlog() {
      const r = await options.client.execute('SELECT COUNT(*) AS n FROM events WHERE published_at IS NULL');
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
