import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@switchboard/plugin-sdk';
import { WRITER_LOCK_CELLS } from './writer-lock';

/** Options of {@link startWalCheckpointer}. */
export type WalCheckpointerOptions = {
  /** Path of the local database file. */
  path: string;
  /** How often to checkpoint. Default 500 ms. */
  everyMs?: number;
  /**
   * The writers' lock (`WriterLock.buffer`, see createWriterLock), held for the last, short pass
   * of each round so that the checkpoint completes and the next write starts the WAL over.
   */
  lock?: SharedArrayBuffer;
  logger: Logger;
};

/** A running checkpointer. */
export type WalCheckpointer = { stop(): Promise<void> };

/**
 * The WAL page count at which a writing connection checkpoints by itself, inside its COMMIT. Set
 * on the writer connections (see tunedConnection): high, so that the checkpointer thread does
 * the work and a commit only does it if that thread falls behind or is gone.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 8000;

// A CommonJS body for an eval'd worker: only libsql and a timer, no TypeScript to load.
const BODY = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout=5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true);
// The ticket lock of writer-lock.ts, waited for with a blocking Atomics.wait: this thread has
// nothing else to do meanwhile.
const cells = workerData.lock ? new Int32Array(workerData.lock) : null;
const { next: NEXT, serving: SERVING, abandoned: ABANDONED } = workerData.cells;
function locked(fn) {
  const ticket = Atomics.add(cells, NEXT, 1);
  for (;;) {
    const serving = Atomics.load(cells, SERVING);
    if (serving === ticket || Atomics.load(cells, ABANDONED) === 1) break;
    Atomics.wait(cells, SERVING, serving);
  }
  try {
    return fn();
  } finally {
    if (Atomics.load(cells, ABANDONED) !== 1) {
      Atomics.add(cells, SERVING, 1);
      Atomics.notify(cells, SERVING);
    }
  }
}
// Frames in the WAL after the last round's locked pass (all copied then).
let settled = -1;
const timer = setInterval(() => {
  try {
    // Returns [busy, frames in the WAL, frames copied] as of the pass's start; writers go on
    // adding frames during it, so passes go on while they copy much, then one under the lock:
    // then no writer can start the WAL over while a pass runs (it would fail to, and the WAL would
    // grow on). A round that finds nothing new since the last one takes no lock (an idle server).
    const [, first, copied] = checkpoint.get();
    if (first === settled && copied === first) return;
    let frames = first;
    for (let pass = 1; cells && frames > 0 && pass < workerData.maxUnlockedPasses; pass++) {
      const [, now] = checkpoint.get();
      const added = now - frames;
      frames = now;
      if (added < workerData.lockedPassFrames) break;
    }
    if (cells && frames > 0) [, settled] = locked(() => checkpoint.get());
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: String(err && err.message || err) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a local database's WAL from a thread of its own. SQLite otherwise copies the WAL
 * back into the database file inside the COMMIT that crosses `wal_autocheckpoint` (1,000 pages),
 * with an fsync: every few seconds under load one of the writers' commits took many times longer
 * than the others, and every write of that batch waited.
 *
 * A PASSIVE checkpoint takes no write lock, so the writers go on meanwhile — but then they add
 * frames while it runs, it never copies all of them, and SQLite starts the WAL over only after a
 * checkpoint that did: the WAL grew until a writer's own checkpoint (`WRITER_AUTOCHECKPOINT_PAGES`)
 * stalled a commit for 50–90 ms about once a second under full load. So each round copies in
 * unlocked passes while they still find much to copy, then makes one last pass holding the
 * writers' `lock` (a few milliseconds: only what the last commits added), after which the next
 * write starts the WAL over. Without `lock` only the unlocked pass runs.
 *
 * @example
 * const checkpointer = startWalCheckpointer({ path: './data/switchboard.db', lock: lock.buffer, logger });
 * // … on shutdown
 * await checkpointer.stop();
 */
export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(BODY, { eval: true, workerData: { libsql, path: options.path, everyMs: options.everyMs ?? 500, lock: options.lock, cells: WRITER_LOCK_CELLS, maxUnlockedPasses: 4, lockedPassFrames: 64 } });
  let warned = false;
  worker.on('message', (message: { type: 'failed'; message: string }) => {
    if (warned) return;
    warned = true;
    options.logger.warn({ error: message.message }, 'WAL checkpoint failed; the writers checkpoint themselves meanwhile');
  });
  worker.on('error', (err) => options.logger.error({ err }, 'WAL checkpointer thread failed; the writers checkpoint themselves from now on'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
