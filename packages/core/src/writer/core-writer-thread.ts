import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@switchboard/plugin-sdk';
import type { CoreWriterData, FromWriter, ToWriter } from './core-writer';
import { writeLogRecord } from './port-logger';

/** The main thread's handle on the core's writer thread. */
export type CoreWriterThread = {
  /** Stops serving the core's commands (the first step of a graceful stop). */
  stopCommands(): Promise<void>;
  /** Finishes the writes under way, closes, and ends the thread. */
  stop(): Promise<void>;
  /** Whether the thread is running. */
  alive(): boolean;
};

/** Options of {@link startCoreWriter}. */
export type StartCoreWriterOptions = {
  data: CoreWriterData;
  logger: Logger;
  /**
   * The thread's entry module. Default: the core's own `core-writer-worker` (from sources loaded
   * through tsx); a bundle that inlines the core passes its own built entry (apps/server does).
   */
  entry?: URL | undefined;
  /** The writer thread committed a transaction (and so events for the outbox relay). */
  onCommit?: () => void;
  /** The thread ended without being asked to (a crash). */
  onExit?: (code: number) => void;
};

/**
 * Starts the core's writer thread (see runCoreWriter) and resolves once it serves commands.
 *
 * @example
 * const writer = await startCoreWriter({ data: { database, nats, lock: lock.buffer, logLevel: 'info' }, logger });
 * // … on shutdown
 * await writer.stopCommands();
 * await writer.stop();
 */
export async function startCoreWriter(options: StartCoreWriterOptions): Promise<CoreWriterThread> {
  // From sources this file is core-writer-thread.ts beside the entry; built, a chunk beside dist/core-writer-worker.js.
  const entry = options.entry ?? new URL(import.meta.url.endsWith('.ts') ? './core-writer-worker.ts' : './core-writer-worker.js', import.meta.url);
  const worker = spawn(entry, options.data);
  const pending = new Map<number, () => void>();
  let nextId = 1;
  let alive = true;
  let stopping = false;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromWriter) => {
      switch (message.type) {
        case 'log':
          writeLogRecord(options.logger, message);
          return;
        case 'committed':
          options.onCommit?.();
          return;
        case 'done':
          pending.get(message.id)?.();
          pending.delete(message.id);
          return;
        case 'ready':
          resolve();
          return;
        case 'failed':
          reject(Object.assign(new Error(message.message), { stack: message.stack }));
          return;
      }
    });
    worker.once('error', (err) => {
      options.logger.error({ err }, 'core writer thread failed');
      reject(err);
    });
    worker.once('exit', (code) => {
      alive = false;
      for (const done of pending.values()) done();
      pending.clear();
      reject(new Error(`the core writer thread exited with code ${code} before it was ready`));
      if (!stopping) {
        options.logger.fatal({ code }, 'core writer thread ended: core commands are not served until a restart');
        options.onExit?.(code);
      }
    });
  });

  function ask(message: (id: number) => ToWriter): Promise<void> {
    if (!alive) return Promise.resolve();
    const id = nextId++;
    return new Promise<void>((resolve) => {
      pending.set(id, resolve);
      worker.postMessage(message(id));
    });
  }

  try {
    await ready;
  } catch (err) {
    stopping = true;
    await worker.terminate();
    throw err;
  }

  return {
    stopCommands: () => ask((id) => ({ type: 'stop-commands', id })),
    async stop() {
      stopping = true;
      if (!alive) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await ask((id) => ({ type: 'stop', id }));
      // The thread ends on its own once closed; a handle left open must not keep the process up.
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
    alive: () => alive,
  };
}

function spawn(entry: URL, data: CoreWriterData): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  // From sources: register tsx in the thread first (a worker does not inherit a loader).
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = new URL('dist/esm/api/index.mjs', tsxPackage).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
