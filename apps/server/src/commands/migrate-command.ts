import { migrateDatabase } from '@switchboard/core';
import { describeError, ExitCode, type CliIo } from '../cli-io';
import { ensureDatabaseDir, loadConfigOrReport, type ConfigFlags } from './command-config';

/**
 * `switchboard migrate`: applies the core's migrations and those of every enabled plugin, and
 * prints the ids it applied. Running it again applies nothing. `start` migrates too; this is for
 * deployments that migrate in a separate step before rolling out new server processes.
 *
 * @example
 * process.exitCode = await runMigrate(processIo(), { config: './switchboard.config.yaml' });
 */
export async function runMigrate(io: CliIo, flags: ConfigFlags): Promise<number> {
  const loaded = await loadConfigOrReport(io, flags);
  if (!loaded.ok) return loaded.exitCode;
  const { config, plugins } = loaded.value;
  try {
    await ensureDatabaseDir(config.database.url);
    const database = config.database.authToken ? { url: config.database.url, authToken: config.database.authToken } : { url: config.database.url };
    const applied = await migrateDatabase(database, plugins);
    if (applied.length === 0) {
      io.out('Database is up to date: no migrations to apply.');
    } else {
      io.out(`Applied ${applied.length} ${applied.length === 1 ? 'migration' : 'migrations'}:`);
      for (const id of applied) io.out(`  ${id}`);
    }
    return ExitCode.OK;
  } catch (error) {
    io.err(`switchboard: migration failed: ${describeError(error)}`);
    return ExitCode.FAILURE;
  }
}
