import type { Client } from '@libsql/client';
import type { Database } from './open-database';

/** A transaction handle as write jobs see it (drizzle's, over the core schema). */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

type Job = {
  run: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
};

/** Options of {@link createWriteQueue}. */
export type WriteQueueOptions = {
  db: Database;
  client: Client;
  local: boolean;
  /** Most jobs committed in one transaction. Default 256. */
  maxBatch?: number;
  /** Called after every commit, e.g. to wake the outbox relay. */
  onCommit?: () => void;
};

/** The single write path of a process. */
export type WriteQueue = {
  /** Runs `fn` in a transaction shared with other concurrent writes (group commit). */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Resolves when every write enqueued so far has committed or failed. */
  idle(): Promise<void>;
};

/**
 * Group commit: writes that arrive while a transaction is running are committed together in the
 * next one, each inside its own savepoint, so one failing write rolls back alone while the others
 * commit. One fsync then covers many writes. It is also the only writer of the process, which the
 * local libSQL file needs (SQLite allows one writer at a time).
 *
 * @example
 * const queue = createWriteQueue({ db, client, local: true, onCommit: () => relay.wake() });
 * const id = await queue.write(async (tx) => { await tx.insert(contacts).values(row); return row.id; });
 */
export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const maxBatch = options.maxBatch ?? 256;
  let pending: Job[] = [];
  let running: Promise<void> | null = null;

  async function runBatch(batch: Job[]): Promise<void> {
    try {
      await options.db.transaction(async (tx) => {
        for (const job of batch) {
          try {
            const value = batch.length === 1 ? await job.run(tx) : await tx.transaction((sp) => job.run(sp));
            job.outcome = { ok: true, value };
          } catch (error) {
            job.outcome = { ok: false, error };
            if (batch.length === 1) throw error;
          }
        }
      });
    } catch (error) {
      for (const job of batch) if (!job.outcome || job.outcome.ok) job.outcome = { ok: false, error };
    }
    for (const job of batch) {
      const outcome = job.outcome;
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    }
    if (batch.some((job) => job.outcome?.ok)) options.onCommit?.();
  }

  function drain(): Promise<void> {
    if (running) return running;
    running = (async () => {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        await runBatch(batch);
      }
    })().finally(() => {
      running = null;
      if (pending.length > 0) void drain();
    });
    return running;
  }

  return {
    write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
        // Let writes arriving in the same tick join this batch.
        if (!running) queueMicrotask(() => void drain());
      });
    },
    async idle() {
      while (running || pending.length > 0) await (running ?? drain());
    },
  };
}
