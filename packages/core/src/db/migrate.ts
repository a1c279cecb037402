import type { Client } from '@libsql/client';
import { coreMigrations } from './migrations';

/** One migration to apply: a unique id and its statements. */
export type MigrationStep = { id: string; statements: string[] };

/**
 * Applies the migrations that have not run yet, each in its own transaction together with its
 * `schema_migrations` row, so a crash never leaves one half-applied. Returns the ids applied.
 *
 * @example
 * const applied = await applyMigrations(client, coreMigrations);
 */
export async function applyMigrations(client: Client, steps: MigrationStep[]): Promise<string[]> {
  await client.execute('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((await client.execute('SELECT id FROM schema_migrations')).rows.map((r) => String(r.id)));
  const applied: string[] = [];
  for (const step of steps) {
    if (done.has(step.id)) continue;
    await client.batch(
      [
        ...step.statements.map((sql) => ({ sql, args: [] })),
        { sql: 'INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', args: [step.id, new Date().toISOString()] },
      ],
      'write',
    );
    applied.push(step.id);
  }
  return applied;
}

/**
 * Applies the core's own migrations.
 *
 * @example
 * await migrateCore(client);
 */
export function migrateCore(client: Client): Promise<string[]> {
  return applyMigrations(client, coreMigrations);
}
