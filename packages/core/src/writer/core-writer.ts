import type { NatsConnection } from '@nats-io/nats-core';
import { createBus, type BusRuntime } from '@switchboard/plugin-sdk';
import { registerCoreCommands } from '../commands/core-command-handlers';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { createWriteQueue, type WriteQueue } from '../db/write-queue';
import { createWriterLock } from '../db/writer-lock';
import { connectNats } from '../nats/connect-nats';
import type { SwitchboardOptions } from '../switchboard-options';
import { createPortLogger, type LogRecord } from './port-logger';

/** What the main thread hands the writer thread when it starts it (structured-cloneable). */
export type CoreWriterData = {
  database: SwitchboardOptions['database'];
  nats: SwitchboardOptions['nats'];
  /** The buffer of the main thread's WriterLock. */
  lock: SharedArrayBuffer;
  /** The main logger's level; records below it are not sent. */
  logLevel: string;
};

/** Requests of the main thread. */
export type ToWriter = { type: 'stop-commands'; id: number } | { type: 'stop'; id: number };

/** What the writer thread reports. */
export type FromWriter =
  | LogRecord
  | { type: 'ready' }
  | { type: 'failed'; message: string; stack?: string | undefined }
  | { type: 'committed' }
  | { type: 'done'; id: number };

/** The writer thread's side of the channel to the main thread (a MessagePort, or a test double). */
export type WriterPort = {
  postMessage(message: FromWriter): void;
  on(event: 'message', listener: (message: ToWriter) => void): unknown;
  close(): void;
};

/**
 * The core's command handlers (recording inbound messages, deliveries, sends, assignments …)
 * with a database connection and group-commit queue of their own, run in their own thread (see
 * startCoreWriter). The main thread keeps HTTP, the realtime hub, the plugins, the outbox relay
 * (which this thread wakes after each commit) and the rarer writes of the REST API, so the two
 * halves use both cores of a small machine; both write through their queues under one shared
 * {@link createWriterLock} lock, so SQLite never makes either wait.
 *
 * @example
 * // in a worker: the default export of core-writer-worker.ts does this
 * await runCoreWriter(workerData as CoreWriterData, parentPort);
 */
export async function runCoreWriter(data: CoreWriterData, port: WriterPort): Promise<void> {
  const post = (message: FromWriter) => {
    try {
      port.postMessage(message);
    } catch {
      // A log record with fields that cannot be cloned: send what JSON keeps of them.
      if (message.type === 'log') port.postMessage({ ...message, fields: JSON.parse(JSON.stringify(message.fields, safeJson)) as Record<string, unknown> });
    }
  };
  const logger = createPortLogger(post, data.logLevel, { thread: 'core-writer' });
  let dbh: DatabaseHandle | null = null;
  let nc: NatsConnection | null = null;
  let queue: WriteQueue | null = null;
  let bus: BusRuntime | null = null;

  async function stopCommands(): Promise<void> {
    await bus?.stop();
    bus = null;
  }

  async function stop(): Promise<void> {
    await stopCommands();
    await queue?.idle();
    await nc?.drain().catch(() => undefined);
    dbh?.close();
  }

  port.on('message', (message) => {
    switch (message.type) {
      case 'stop-commands':
        void stopCommands()
          .catch((err: unknown) => logger.error({ err }, 'core writer: stopping the command handlers failed'))
          .then(() => post({ type: 'done', id: message.id }));
        return;
      case 'stop':
        void stop()
          .catch((err: unknown) => logger.error({ err }, 'core writer: stopping failed'))
          .then(() => {
            post({ type: 'done', id: message.id });
            port.close();
          });
        return;
    }
  });

  try {
    dbh = await openDatabase(data.database);
    nc = await connectNats(data.nats, 'switchboard-core-writer');
    queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: dbh.local, lock: createWriterLock(data.lock), onCommit: () => post({ type: 'committed' }) });
    bus = createBus({ nc, owner: 'core', logger: logger.child({ component: 'core-bus' }) });
    registerCoreCommands(bus, queue);
    await bus.start();
    post({ type: 'ready' });
  } catch (err) {
    await stop().catch(() => undefined);
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
    port.close();
  }
}

function safeJson(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}
