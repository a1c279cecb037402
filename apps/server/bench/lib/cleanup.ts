type Task = () => void | Promise<void>;

const tasks: Task[] = [];
let installed = false;
let running: Promise<void> | null = null;

/**
 * Registers something to undo when the bench ends, fails or is interrupted (child processes,
 * nats-servers, temp folders). Tasks run newest first, once.
 *
 * @example
 * onCleanup(() => child.kill());
 */
export function onCleanup(task: Task): () => void {
  install();
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

/** Runs every registered cleanup task (newest first). */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await task();
      } catch (err) {
        console.error('bench cleanup:', err);
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, cleaning up…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
