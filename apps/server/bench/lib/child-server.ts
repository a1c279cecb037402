import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_BUILD_DIR, buildBenchServers } from './build-servers';
import { onCleanup } from './cleanup';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A server under test running in its own Node process, driven over the IPC channel. */
export type ChildServer<Ready> = {
  /** What the child reported once listening (its URL and so on). */
  info: Ready;
  pid: number;
  /** Calls a harness hook of the child (e.g. `memory`) and resolves with its answer. */
  call<T = unknown>(name: string, args?: unknown): Promise<T>;
  /** Asks the child to stop cleanly; kills it if it takes longer than 15 s. */
  stop(): Promise<void>;
};

/**
 * Starts `bench/servers/<script>`, bundled like the shipped server (see buildBenchServers), in a
 * child process with `--expose-gc` and an IPC channel — the only way the harness talks to it
 * besides the HTTP/WebSocket traffic under test, so the product needs no debug endpoints.
 * Resolves when the child sends `ready`. `BENCH_SOURCES=1` runs the sources under tsx instead.
 *
 * @example
 * const floor = await startChildServer<{ url: string }>('floor-server.ts', { MODE: 'direct' });
 */
export async function startChildServer<Ready>(script: string, env: Record<string, string> = {}, extraNodeArgs: string[] = []): Promise<ChildServer<Ready>> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers under test.
  const fromEnv = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  let entry: string[];
  if (process.env.BENCH_SOURCES === '1') {
    entry = ['--import', 'tsx', join(benchDir, 'servers', script)];
  } else {
    await buildBenchServers();
    entry = [join(BENCH_BUILD_DIR, script.replace(/\.ts$/, '.js'))];
  }
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', ...fromEnv, ...extraNodeArgs, ...entry], {
    cwd: join(benchDir, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const removeCleanup = onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ready = new Promise<Ready>((resolve, reject) => {
    child.on('message', (raw) => {
      const msg = raw as { type: string; id?: number; result?: unknown; error?: string; info?: Ready };
      if (msg.type === 'ready') resolve(msg.info as Ready);
      else if (msg.type === 'reply' && msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error !== undefined) p?.reject(new Error(`${script}: ${msg.error}`));
        else p?.resolve(msg.result);
      }
    });
    child.once('exit', (code, signal) => {
      const err = new Error(`${script} exited (code ${code}, signal ${signal})`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  });
  const info = await withTimeout(ready, 60_000, `${script} did not report ready within 60 s`);
  return {
    info,
    pid: child.pid!,
    call<T>(name: string, args?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ type: 'call', id, name, args });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      removeCleanup();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
