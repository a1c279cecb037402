import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { CoreError, CoreErrorCodes } from '../errors';
import * as schema from './schema';
import { openStatementCacheClient, type StatementClient } from './statement-cache-client';
import { WRITER_AUTOCHECKPOINT_PAGES } from './wal-checkpointer';
import { withWriterConnection } from './writer-connection';

/** The drizzle database over the core's schema. */
export type Database = LibSQLDatabase<typeof schema>;

/** An open database: the raw libSQL client, drizzle over it, whether it is a local file, and its path if so. */
export type DatabaseHandle = { client: Client; db: Database; local: boolean; path: string | null; close(): void };

/**
 * Opens the database. A `file:` URL is a local libSQL file: its folder is created, WAL is switched
 * on (readers never wait for the writer) and `synchronous=NORMAL` is used, which in WAL mode can
 * lose the last transactions on power loss but never corrupts the file — the outbox then simply
 * has not published them either. `libsql://`, `http(s)://` and `ws(s)://` URLs go to a libSQL server.
 *
 * @example
 * const { db, client } = await openDatabase({ url: 'file:./data/switchboard.db' });
 */
export async function openDatabase(options: { url: string; authToken?: string | undefined }): Promise<DatabaseHandle> {
  const local = options.url.startsWith('file:');
  const path = local ? (options.url.startsWith('file://') ? fileURLToPath(options.url) : options.url.slice('file:'.length)) : '';
  if (local) await mkdir(dirname(path), { recursive: true });
  let client: Client;
  try {
    client = createClient({ url: options.url, ...(options.authToken ? { authToken: options.authToken } : {}), intMode: 'number' });
    if (local) {
      await client.execute('PRAGMA journal_mode=WAL');
      await tunedConnection(client);
      // The writer keeps its prepared statements (see openStatementCacheClient), and so do single
      // statements outside transactions (most reads), on a connection of their own.
      const writer = openStatementCacheClient(path);
      await tunedConnection(writer);
      // The WAL checkpointer thread keeps the WAL short (see startWalCheckpointer); the writer only
      // checkpoints inside a commit if that thread falls far behind.
      await writer.execute(`PRAGMA wal_autocheckpoint=${WRITER_AUTOCHECKPOINT_PAGES}`);
      const statements = openStatementCacheClient(path);
      await tunedConnection(statements);
      client = withWriterConnection(client, writer, statements);
    } else {
      await client.execute('SELECT 1');
    }
  } catch (cause) {
    throw new CoreError({
      code: CoreErrorCodes.DATABASE_UNREACHABLE,
      message: `cannot open the database at ${redactUrl(options.url)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
  return { client, db: drizzle(client, { schema }), local, path: local ? path : null, close: () => client.close() };
}

/**
 * Applies per-connection settings. Transactions of a local database run on one long-lived writer
 * connection (see {@link withWriterConnection}), tuned once when it opens.
 */
export async function tunedConnection(client: Pick<StatementClient, 'execute'>): Promise<void> {
  await client.execute('PRAGMA synchronous=NORMAL');
  await client.execute('PRAGMA busy_timeout=5000');
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
