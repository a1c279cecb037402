import type { Transaction } from '@libsql/client';
import type { Tx } from './write-queue';

/**
 * The libSQL transaction under a drizzle transaction, for SQL text with arguments that drizzle's
 * builder cannot express (plugin storage). Drizzle keeps it on its session; a test of plugin
 * storage fails if a drizzle upgrade moves it.
 *
 * @example
 * await rawTransaction(tx).execute({ sql: 'INSERT INTO p_x__t VALUES (?)', args: [1] });
 */
export function rawTransaction(tx: Tx): Pick<Transaction, 'execute'> {
  const inner = (tx as unknown as { session?: { tx?: Transaction } }).session?.tx;
  if (!inner || typeof inner.execute !== 'function') {
    throw new Error('drizzle transaction no longer exposes its libSQL transaction (session.tx); update rawTransaction');
  }
  return inner;
}
