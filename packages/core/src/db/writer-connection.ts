import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import type { RawStatements, StatementClient } from './statement-cache-client';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * Runs the transactions of a local libSQL client on one long-lived writer connection.
 *
 * The local client hands its connection to each transaction and opens a fresh one for the next
 * use, so every group-commit batch started on a cold connection: an empty page cache, the schema
 * parsed again, the PRAGMAs reset — and the old connection stayed open until garbage collection.
 * That made each statement several times slower than on a warm connection. Here `writer` (a second
 * client on the same file, used for nothing else) keeps its connection, and reads stay on
 * `reader`'s. A transaction asked for while the writer is busy gets the client's own behaviour.
 * Given `statements` (a third connection that keeps its prepared statements), single statements
 * outside transactions run there instead of on `reader`, which prepares each one anew.
 *
 * @example
 * const client = withWriterConnection(createClient({ url }), openStatementCacheClient(path), openStatementCacheClient(path));
 * const tx = await client.transaction('write'); // BEGIN IMMEDIATE on the writer
 */
export function withWriterConnection(reader: Client, writer: StatementClient, statements?: StatementClient): Client {
  let busy = false;

  async function transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    if (busy) return reader.transaction(mode);
    busy = true;
    try {
      await writer.execute(BEGIN[mode]);
    } catch (err) {
      busy = false;
      throw err;
    }
    let open = true;
    const finish = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      try {
        await writer.execute(sql);
      } catch (err) {
        // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); the transaction is over.
        if (sql === 'COMMIT' || !/no transaction is active/i.test(String((err as Error).message))) throw err;
      }
      open = false;
      busy = false;
    };
    const ensureOpen = () => {
      if (!open) throw new Error('libSQL transaction is closed');
    };
    const tx: Transaction & RawStatements = {
      async execute(stmt: InStatement): Promise<ResultSet> {
        ensureOpen();
        return writer.execute(stmt);
      },
      async batch(stmts: InStatement[]): Promise<ResultSet[]> {
        const out: ResultSet[] = [];
        for (const stmt of stmts) {
          ensureOpen();
          out.push(await writer.execute(stmt));
        }
        return out;
      },
      // Not part of @libsql/client's Transaction: the raw path of hotStatement (see RawStatements).
      query(sql: string, args: Parameters<RawStatements['query']>[1]) {
        ensureOpen();
        return writer.query(sql, args);
      },
      async executeMultiple(sql: string): Promise<void> {
        ensureOpen();
        return writer.executeMultiple(sql);
      },
      commit: () => finish('COMMIT'),
      rollback: () => finish('ROLLBACK'),
      close() {
        void finish('ROLLBACK').catch(() => undefined);
      },
      get closed() {
        return !open;
      },
    };
    return tx;
  }

  return new Proxy(reader, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (prop === 'execute' && statements) return statements.execute;
      if (prop === 'close') {
        return () => {
          statements?.close();
          writer.close();
          target.close();
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
