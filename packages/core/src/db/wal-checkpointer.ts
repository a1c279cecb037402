import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@switchboard/plugin-sdk';

/** Options of {@link startWalCheckpointer}. */
export type WalCheckpointerOptions = {
  /** Path of the local database file. */
  path: string;
  /** How often to checkpoint. Default 500 ms. */
  everyMs?: number;
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
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
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
 * than the others, and every write of that batch waited. A PASSIVE checkpoint takes no write lock,
 * so the writers never wait for this thread.
 *
 * @example
 * const checkpointer = startWalCheckpointer({ path: './data/switchboard.db', logger });
 * // … on shutdown
 * await checkpointer.stop();
 */
export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(BODY, { eval: true, workerData: { libsql, path: options.path, everyMs: options.everyMs ?? 500 } });
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
