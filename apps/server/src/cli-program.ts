import { CORE_VERSION } from '@switchboard/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { describeError, ExitCode, type CliIo } from './cli-io';
import { runDoctor } from './commands/doctor-command';
import { runMigrate } from './commands/migrate-command';
import { runPlugins } from './commands/plugins-command';
import { runStart } from './commands/start-command';

/**
 * Runs the `switchboard` command line with the given arguments (`process.argv` form) and I/O,
 * and resolves with the exit code. `start` resolves only after a shutdown signal.
 *
 * @example
 * process.exit(await runCli(process.argv, processIo()));
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const program = createProgram(io, (code) => {
    exitCode = code;
  }).exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`switchboard: ${describeError(error)}`);
    return ExitCode.FAILURE;
  }
  return exitCode;
}

/**
 * Builds the `switchboard` command line. Each action stores its exit code through `setExitCode`
 * instead of exiting, so the caller decides when the process ends.
 *
 * @example
 * let code = 0;
 * await createProgram(processIo(), (c) => (code = c)).parseAsync(process.argv);
 * process.exit(code);
 */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('switchboard')
    .description('Switchboard: a plugin-based unified inbox for customer service.')
    .version(`${pkg.version} (core ${CORE_VERSION})`, '-v, --version')
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });

  const configOption = () =>
    new Option('-c, --config <path>', 'config file (default: ./switchboard.config.yaml, or $SWITCHBOARD_CONFIG)');

  program
    .command('start')
    .description('start the server with the enabled plugins; stops gracefully on SIGINT/SIGTERM')
    .addOption(configOption())
    .addOption(new Option('-p, --port <port>', 'HTTP port (overrides server.port and $PORT)').argParser(parsePort))
    .action(async (options: { config?: string; port?: number }) => setExitCode(await runStart(io, options)));

  program
    .command('migrate')
    .description("apply the core's and the enabled plugins' database migrations")
    .addOption(configOption())
    .action(async (options: { config?: string }) => setExitCode(await runMigrate(io, options)));

  program
    .command('plugins')
    .description('list the plugins this server can run and whether they fit the running core')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => setExitCode(await runPlugins(io, options)));

  program
    .command('doctor')
    .description('check the config, data directory, database and NATS')
    .addOption(configOption())
    .action(async (options: { config?: string }) => setExitCode(await runDoctor(io, options)));

  return program;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}
