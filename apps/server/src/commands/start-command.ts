import { mkdir } from 'node:fs/promises';
import { createSwitchboard, startNatsServer } from '@switchboard/core';
import type { Logger } from 'pino';
import { describeError, ExitCode, type CliIo } from '../cli-io';
import { toSwitchboardOptions } from '../config/config-to-switchboard-options';
import type { ResolvedConfig } from '../config/load-config';
import { createLogger } from '../logger';
import { ensureDatabaseDir, loadConfigOrReport, type ConfigFlags } from './command-config';

type EmbeddedNats = Awaited<ReturnType<typeof startNatsServer>>;

/**
 * `switchboard start`: loads the config, starts an embedded nats-server when no NATS URL is
 * configured, starts the core with every enabled plugin and serves until SIGINT or SIGTERM.
 * Shutdown stops the switchboard first (plugins, HTTP, relays), then the embedded nats-server.
 * Resolves with the exit code once everything has stopped.
 *
 * @example
 * process.exitCode = await runStart(processIo(), { port: 8080 });
 */
export async function runStart(io: CliIo, flags: ConfigFlags): Promise<number> {
  const loaded = await loadConfigOrReport(io, flags);
  if (!loaded.ok) return loaded.exitCode;
  const resolved = loaded.value;
  const { config } = resolved;
  const logger = createLogger({ level: config.log.level, pretty: config.log.pretty });
  return serve(io, resolved, logger);
}

async function serve(io: CliIo, resolved: ResolvedConfig, logger: Logger): Promise<number> {
  const { config } = resolved;
  logger.info({ configFile: resolved.file ?? '(none, embedded defaults)', plugins: resolved.plugins.map((p) => `${p.definition.id}@${p.definition.version}`) }, 'starting switchboard');

  // listen before anything starts: a signal during a slow start must still stop what was started
  const shutdown = io.waitForShutdown();
  let nats: EmbeddedNats | null = null;
  try {
    await mkdir(config.dataDir, { recursive: true });
    await ensureDatabaseDir(config.database.url);
    if (resolved.embeddedNats) {
      const { storeDir, binary, searchPath } = resolved.embeddedNats;
      const embedded = await startNatsServer({ storeDir, ...(binary ? { binary } : {}), ...(searchPath ? { searchPath } : {}) });
      nats = embedded;
      // should the process die without a graceful stop (an uncaught error), take nats-server along
      process.once('exit', () => void embedded.kill());
      logger.info({ url: embedded.url, storeDir: resolved.embeddedNats.storeDir }, 'embedded nats-server started');
    }
  } catch (error) {
    io.err(`switchboard: ${describeError(error)}`);
    await stopNats(nats, logger);
    return ExitCode.FAILURE;
  }

  const servers = nats ? [nats.url] : (config.nats.url ?? []);
  let switchboard: ReturnType<typeof createSwitchboard> | null = null;
  let started: Awaited<ReturnType<ReturnType<typeof createSwitchboard>['start']>>;
  try {
    // Built, the core's writer thread starts from dist/core-writer.js; from sources the core finds its own.
    const writerEntry = import.meta.url.endsWith('.js') ? new URL('./core-writer.js', import.meta.url) : undefined;
    switchboard = createSwitchboard({ ...toSwitchboardOptions(resolved, { natsServers: servers, logger }), writerEntry });
    started = await switchboard.start();
  } catch (error) {
    logger.error({ err: error }, 'switchboard failed to start');
    io.err(`switchboard: could not start: ${describeError(error)}`);
    await switchboard?.stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'stopping after a failed start failed'));
    await stopNats(nats, logger);
    return ExitCode.FAILURE;
  }

  io.out(`Switchboard listening on ${started.url}`);
  if (started.bootstrapAdmin) {
    // printed, never logged: this is the only time the generated password is shown
    io.out('');
    io.out('First run: an admin account was created. Sign in and change the password; it is not shown again.');
    io.out(`  email:    ${started.bootstrapAdmin.email}`);
    io.out(`  password: ${started.bootstrapAdmin.password}`);
    io.out('');
  }

  const signal = await shutdown;
  logger.info({ signal }, 'shutting down');
  let exitCode: number = ExitCode.OK;
  try {
    await switchboard.stop();
  } catch (error) {
    exitCode = ExitCode.FAILURE;
    logger.error({ err: error }, 'switchboard did not stop cleanly');
  }
  if (!(await stopNats(nats, logger))) exitCode = ExitCode.FAILURE;
  logger.info({ exitCode }, 'stopped');
  return exitCode;
}

async function stopNats(nats: EmbeddedNats | null, logger: Logger): Promise<boolean> {
  if (!nats) return true;
  try {
    await nats.stop();
    logger.info('embedded nats-server stopped');
    return true;
  } catch (error) {
    logger.error({ err: error }, 'embedded nats-server did not stop cleanly');
    return false;
  }
}
