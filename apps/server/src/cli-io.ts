import { readEnv, type ServerEnv } from './env';
import { builtInPlugins, type PluginRegistry } from './plugins';

/**
 * Exit codes of the CLI. 78 is sysexits' EX_CONFIG: systemd's `RestartPreventExitStatus=78`
 * keeps a supervisor from restarting a server whose config is wrong.
 *
 * @example
 * if (!loaded.ok) return ExitCode.CONFIG;
 */
export const ExitCode = { OK: 0, FAILURE: 1, CONFIG: 78 } as const;

/** Shutdown signals `switchboard start` reacts to. */
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

/**
 * Everything a command touches outside itself. Commands take it as a parameter so tests run
 * them in-process with their own environment, working directory, plugins and output.
 */
export type CliIo = {
  cwd: string;
  env: ServerEnv;
  registry: PluginRegistry;
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Resolves with the first shutdown signal received. */
  waitForShutdown(): Promise<ShutdownSignal>;
};

/**
 * The real process's I/O: its environment, working directory, stdout and stderr, and signals.
 * A second signal while shutting down exits at once with code 1, for an operator who cannot wait.
 *
 * @example
 * const code = await runPlugins(processIo(), { json: false });
 */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: readEnv(),
    registry: builtInPlugins,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    waitForShutdown: () =>
      new Promise((resolve) => {
        const onSignal = (signal: ShutdownSignal): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          const force = (): void => {
            process.stderr.write('switchboard: second signal received, exiting without a graceful stop\n');
            process.exit(ExitCode.FAILURE);
          };
          process.once('SIGINT', force);
          process.once('SIGTERM', force);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}

/**
 * An error's message with its stable code when it has one, for one-line CLI output.
 *
 * @example
 * describeError(new CoreError({ code: 'SWB_ERR_NATS_BINARY_MISSING', message: 'nats-server was not found…' }));
 * // 'nats-server was not found… [SWB_ERR_NATS_BINARY_MISSING]'
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SWB_ERR_') ? `${error.message} [${code}]` : error.message;
}
