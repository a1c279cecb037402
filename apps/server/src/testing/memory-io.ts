import type { CliIo, ShutdownSignal } from '../cli-io';
import { readEnv } from '../env';
import type { PluginRegistry } from '../plugins';

/** A {@link CliIo} that records output, for running commands in-process in tests. */
export type MemoryIo = CliIo & {
  /** Everything written to stdout, one entry per line written. */
  stdout: string[];
  stderr: string[];
  /** Delivers a shutdown signal to a waiting `start`. */
  signal(signal: ShutdownSignal): void;
};

/**
 * Creates an in-memory CLI I/O with its own working directory, environment and plugins.
 *
 * @example
 * const io = createMemoryIo({ cwd: dir, env: { PORT: '0' }, registry: { hello: async () => ({ default: hello }) } });
 * expect(await runPlugins(io, {})).toBe(0);
 * expect(io.stdout.join('\n')).toContain('hello');
 */
export function createMemoryIo(options: { cwd: string; env?: Record<string, string | undefined>; registry?: PluginRegistry }): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: ((signal: ShutdownSignal) => void)[] = [];
  return {
    cwd: options.cwd,
    env: readEnv(options.env ?? {}),
    registry: options.registry ?? {},
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    waitForShutdown: () => new Promise((resolve) => waiters.push(resolve)),
    signal: (signal) => {
      for (const resolve of waiters.splice(0)) resolve(signal);
    },
  };
}
