import type { Client } from '@libsql/client';
import type { Database } from './open-database';
import type { WriterLock } from './writer-lock';

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
  /** Held around every transaction when another thread of the process writes too (see createWriterLock). */
  lock?: Pick<WriterLock, 'acquire' | 'release'>;
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
 * next one. One failing write is rejected alone: the batch rolls back and the other writes run
 * again without it, so a write's function may run more than once and must do nothing but its
 * statements. One fsync then covers many writes. It is the only writer of its thread; threads
 * that write the same local file share a {@link WriterLock} (SQLite allows one writer at a time).
 *
 * @example
 * const queue = createWriteQueue({ db, client, local: true, onCommit: () => relay.wake() });
 * const id = await queue.write(async (tx) => { await tx.insert(contacts).values(row); return row.id; });
 */
export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const maxBatch = options.maxBatch ?? 256;
  let pending: Job[] = [];
  let running: Promise<void> | null = null;
  let scheduled = false;

  /**
   * Runs a batch in one transaction. When a write fails, the transaction rolls back, that write
   * is rejected and the others are returned to run again without it (savepoints around every
   * write would cost two statements each, and failures are rare).
   */
  async function runBatch(batch: Job[]): Promise<Job[]> {
    let failed: Job | null = null;
    try {
      await options.db.transaction(async (tx) => {
        for (const job of batch) {
          try {
            job.outcome = { ok: true, value: await job.run(tx) };
          } catch (error) {
            job.outcome = { ok: false, error };
            failed = job;
            throw error;
          }
        }
      });
    } catch (error) {
      if (failed) {
        const rejected: Job = failed;
        rejected.reject((rejected.outcome as { error: unknown }).error);
        const again = batch.filter((job) => job !== rejected);
        for (const job of again) delete job.outcome;
        return again;
      }
      // The commit itself failed: nothing of the batch was stored.
      for (const job of batch) job.outcome = { ok: false, error };
    }
    for (const job of batch) {
      const outcome = job.outcome;
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    }
    if (batch.some((job) => job.outcome?.ok)) options.onCommit?.();
    return [];
  }

  function drain(): Promise<void> {
    if (running) return running;
    running = (async () => {
      while (pending.length > 0) {
        // Writes that arrive while the lock is awaited join the batch.
        await options.lock?.acquire();
        let batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        try {
          while (batch.length > 0) batch = await runBatch(batch);
        } finally {
          options.lock?.release();
        }
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
        // Start after this turn of the event loop, so that the writes of every I/O callback handled
        // in it (not just this one's) join the batch.
        if (!running && !scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            void drain();
          });
        }
      });
    },
    async idle() {
      while (running || pending.length > 0) await (running ?? drain());
    },
  };
}
