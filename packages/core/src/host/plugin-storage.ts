import type { Client, InStatement, ResultSet } from '@libsql/client';
import { SdkErrorCodes, SwitchboardError, type PluginStorage, type SqlResult, type SqlStatement } from '@switchboard/plugin-sdk';
import { rawTransaction } from '../db/raw-transaction';
import type { WriteQueue } from '../db/write-queue';

/**
 * The table prefix of a plugin: `p_<id with _ for ->__`.
 *
 * @example
 * pluginTablePrefix('channel-api'); // 'p_channel_api__'
 */
export function pluginTablePrefix(pluginId: string): string {
  return `p_${pluginId.replace(/-/g, '_')}__`;
}

const TABLE_REFERENCE = /\b(?:from|join|into|update|table(?:\s+if\s+(?:not\s+)?exists)?|index\s+(?:if\s+not\s+exists\s+)?[\w"]+\s+on)\s+["`[]?([A-Za-z_][\w$]*)/gi;

/**
 * Refuses SQL that names a table outside the plugin's prefix. A guard against mistakes, not a
 * sandbox: plugins are trusted code that the admin chose to run.
 *
 * @example
 * assertOwnTables('SELECT * FROM messages', 'p_x__'); // throws SWB_ERR_STORAGE_TABLE_FORBIDDEN
 */
export function assertOwnTables(sqlText: string, prefix: string, pluginId: string): void {
  for (const match of sqlText.matchAll(TABLE_REFERENCE)) {
    const table = match[1] ?? '';
    if (!table.toLowerCase().startsWith(prefix)) {
      throw new SwitchboardError({
        code: SdkErrorCodes.STORAGE_TABLE_FORBIDDEN,
        message: `${pluginId}: storage may only touch its own tables (${prefix}*); "${table}" is not one. Use ctx.storage.table('${table}')`,
      });
    }
  }
}

/**
 * Creates a plugin's storage. Reads go straight to the database; writes join the core's
 * group-commit queue, the process's only writer.
 *
 * @example
 * const storage = createPluginStorage('channel-api', client, queue);
 */
export function createPluginStorage(pluginId: string, client: Client, queue: WriteQueue): PluginStorage {
  const prefix = pluginTablePrefix(pluginId);
  const toResult = (r: ResultSet): SqlResult => ({
    rows: r.rows.map((row) => Object.fromEntries(r.columns.map((c) => [c, row[c]]))),
    rowsAffected: r.rowsAffected,
    lastInsertRowid: r.lastInsertRowid,
  });
  const isRead = (sqlText: string) => /^\s*(select|with)\b/i.test(sqlText) && !/\b(insert|update|delete)\b/i.test(sqlText);
  const statement = (s: SqlStatement): InStatement => ({ sql: s.sql, args: (s.args ?? []) as InStatement extends { args?: infer A } ? A : never });
  return {
    table(name) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) {
        throw new SwitchboardError({ code: SdkErrorCodes.STORAGE_TABLE_FORBIDDEN, message: `${pluginId}: table name "${name}" must be lower snake_case` });
      }
      return prefix + name;
    },
    async execute(sqlText, args) {
      assertOwnTables(sqlText, prefix, pluginId);
      const stmt = statement({ sql: sqlText, ...(args ? { args } : {}) });
      if (isRead(sqlText)) return toResult(await client.execute(stmt));
      return toResult(await queue.write((tx) => rawTransaction(tx).execute(stmt)));
    },
    async batch(statements) {
      for (const s of statements) assertOwnTables(s.sql, prefix, pluginId);
      return queue.write(async (tx) => {
        const raw = rawTransaction(tx);
        const results: SqlResult[] = [];
        for (const s of statements) results.push(toResult(await raw.execute(statement(s))));
        return results;
      });
    },
  };
}
