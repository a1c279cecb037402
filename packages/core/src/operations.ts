import { jetstreamManager } from '@nats-io/jetstream';
import { migrateCore } from './db/migrate';
import { applyMigrations } from './db/migrate';
import { openDatabase } from './db/open-database';
import { pluginMigrationSteps } from './host/plugin-host';
import { connectNats } from './nats/connect-nats';
import type { PluginEntry, SwitchboardOptions } from './switchboard-options';

/**
 * Applies the core's migrations and those of the given plugins; returns the ids applied now.
 *
 * @example
 * const applied = await migrateDatabase({ url: 'file:./data/switchboard.db' }, entries);
 */
export async function migrateDatabase(database: SwitchboardOptions['database'], plugins: PluginEntry[]): Promise<string[]> {
  const dbh = await openDatabase(database);
  try {
    const core = await migrateCore(dbh.client);
    const own = await applyMigrations(dbh.client, pluginMigrationSteps(plugins));
    return [...core, ...own];
  } finally {
    dbh.close();
  }
}

/**
 * Whether the database can be opened and queried.
 *
 * @example
 * const result = await checkDatabase({ url: 'file:./data/switchboard.db' });
 */
export async function checkDatabase(database: SwitchboardOptions['database']): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const dbh = await openDatabase(database);
    try {
      await dbh.client.execute('SELECT 1');
    } finally {
      dbh.close();
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Whether NATS answers and has JetStream enabled.
 *
 * @example
 * const result = await checkNats({ servers: ['nats://127.0.0.1:4222'] });
 */
export async function checkNats(
  nats: SwitchboardOptions['nats'],
): Promise<{ ok: true; jetstream: boolean; serverVersion: string } | { ok: false; error: string }> {
  try {
    const nc = await connectNats({ ...nats }, 'switchboard-doctor');
    try {
      const serverVersion = nc.info?.version ?? 'unknown';
      let jetstream = true;
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
      } catch {
        jetstream = false;
      }
      return { ok: true, jetstream, serverVersion };
    } finally {
      await nc.close();
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
