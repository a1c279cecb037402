/** A value bound to a SQL placeholder. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array | ArrayBuffer;
/** A statement with positional (`?`) or named (`:name`) arguments. */
export type SqlStatement = { sql: string; args?: SqlValue[] | Record<string, SqlValue> };
/** Rows come back as plain objects keyed by column name. */
export type SqlResult = { rows: Record<string, unknown>[]; rowsAffected: number; lastInsertRowid: bigint | undefined };

/**
 * A plugin's migration. `sql` receives `t`, which turns a short table name into the plugin's
 * prefixed name, so plugin tables never collide with core or with another plugin.
 *
 * @example
 * const migrations: PluginMigration[] = [
 *   { id: '001_deliveries', sql: (t) => `CREATE TABLE ${t('deliveries')} (id TEXT PRIMARY KEY, attempts INTEGER NOT NULL)` },
 * ];
 */
export type PluginMigration = { id: string; sql: (t: (name: string) => string) => string | string[] };

/**
 * The plugin's own slice of the database: only tables carrying its prefix may be touched.
 *
 * @example
 * await ctx.storage.execute(`INSERT INTO ${ctx.storage.table('deliveries')} (id, attempts) VALUES (?, 0)`, [id]);
 */
export type PluginStorage = {
  /** The prefixed name of one of the plugin's tables. */
  table(name: string): string;
  execute(sql: string, args?: SqlStatement['args']): Promise<SqlResult>;
  /** Runs statements in one transaction: all or nothing. */
  batch(statements: SqlStatement[]): Promise<SqlResult[]>;
};
