/** Heap and external memory of the process after full garbage collections. */
export type MemorySnapshot = { heapUsed: number; external: number; arrayBuffers: number; rss: number };

type Handlers = Record<string, (args: unknown) => unknown>;

/**
 * The child's side of the harness channel: reports `ready`, answers calls (always `memory`, plus
 * the server's own), and stops on request. Exists only in the bench — the product has no such hook.
 *
 * @example
 * serveHarness({ url }, { stop: () => server.close() });
 */
export function serveHarness(info: unknown, options: { stop: () => Promise<void> | void; handlers?: Handlers }): void {
  if (!process.send) throw new Error('bench servers run as children of bench/run.ts (they need an IPC channel)');
  const handlers: Handlers = { memory: () => memoryAfterGc(), ...options.handlers };
  process.on('message', (raw) => {
    const msg = raw as { type: string; id: number; name: string; args: unknown };
    if (msg.type === 'stop') {
      void Promise.resolve(options.stop()).finally(() => process.exit(0));
      return;
    }
    if (msg.type !== 'call') return;
    Promise.resolve()
      .then(() => {
        const handler = handlers[msg.name];
        if (!handler) throw new Error(`no harness hook "${msg.name}"`);
        return handler(msg.args);
      })
      .then(
        (result) => process.send!({ type: 'reply', id: msg.id, result }),
        (err: unknown) => process.send!({ type: 'reply', id: msg.id, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  // The parent going away (crash, Ctrl-C) must not leave servers behind.
  process.on('disconnect', () => void Promise.resolve(options.stop()).finally(() => process.exit(0)));
  process.send({ type: 'ready', info });
}

async function memoryAfterGc(): Promise<MemorySnapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server with --expose-gc');
  // Several rounds with pauses: weak refs and finalizers release memory only on a later cycle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}
