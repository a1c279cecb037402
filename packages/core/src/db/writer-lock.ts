/** A lock over one SharedArrayBuffer that the threads of a process share around write transactions. */
export type WriterLock = {
  /** The shared memory; hand it to another thread with `createWriterLock(buffer)`. */
  readonly buffer: SharedArrayBuffer;
  /** Resolves when this thread holds the lock; waiting never blocks the event loop. */
  acquire(): Promise<void>;
  release(): void;
  /**
   * Stops locking for good: every waiter and every later `acquire` gets through at once. For when
   * the other thread is gone (it may have died holding the lock or a ticket) and this one is the
   * only writer left.
   */
  abandon(): void;
};

/** Where the lock keeps its state in the shared memory (Int32 cells), for threads that cannot import this module. */
export const WRITER_LOCK_CELLS = { next: 0, serving: 1, abandoned: 2 } as const;
const NEXT = WRITER_LOCK_CELLS.next;
const SERVING = WRITER_LOCK_CELLS.serving;
const ABANDONED = WRITER_LOCK_CELLS.abandoned;

type WaitAsync = (cells: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/**
 * A first-come-first-served (ticket) lock between threads of one process, so that the core's
 * writer thread and the main thread never ask SQLite for the write lock at the same time: SQLite
 * would make the loser sleep inside a synchronous call, stalling its whole event loop. Waiting
 * here is `Atomics.waitAsync`, so a waiting thread keeps serving other work, and tickets keep
 * either side from starving the other.
 *
 * @example
 * const lock = createWriterLock();                          // main thread
 * new Worker(entry, { workerData: { lock: lock.buffer } }); // the worker: createWriterLock(workerData.lock)
 * await lock.acquire();
 * try { await writeSomething(); } finally { lock.release(); }
 */
export function createWriterLock(buffer: SharedArrayBuffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)): WriterLock {
  const cells = new Int32Array(buffer);
  return {
    buffer,
    async acquire() {
      const ticket = Atomics.add(cells, NEXT, 1);
      for (;;) {
        const serving = Atomics.load(cells, SERVING);
        if (serving === ticket || Atomics.load(cells, ABANDONED) === 1) return;
        const wait = waitAsync(cells, SERVING, serving);
        if (wait.async) await wait.value;
      }
    },
    release() {
      if (Atomics.load(cells, ABANDONED) === 1) return;
      Atomics.add(cells, SERVING, 1);
      Atomics.notify(cells, SERVING);
    },
    abandon() {
      Atomics.store(cells, ABANDONED, 1);
      // Wake the waiters by moving the value they wait on.
      Atomics.add(cells, SERVING, 1);
      Atomics.notify(cells, SERVING);
    },
  };
}
