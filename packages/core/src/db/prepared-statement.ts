import { drizzle } from 'drizzle-orm/libsql';
import { rawTransaction } from './raw-transaction';
import * as schema from './schema';
import type { Tx } from './write-queue';

/**
 * A drizzle database without a connection, for building statements once at module load and
 * preparing them (`sql.placeholder('name')` marks the values given at run time).
 *
 * @example
 * const byId = statementBuilder.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare();
 */
export const statementBuilder = drizzle.mock({ schema });

/**
 * Binds a statement prepared on {@link statementBuilder} to a write job's transaction. Drizzle's
 * query builder takes 30–250 µs to turn a query into SQL text — on the inbound hot path longer
 * than SQLite takes to run it — so statements run per message are built once and only their
 * values change. A prepared query keeps the transaction it runs in as `tx` (like
 * {@link rawTransaction}, a drizzle internal; the tests of this file fail if an upgrade moves it),
 * so each run uses a copy bound to the caller's.
 *
 * @example
 * const [row] = await inTransaction(byId, tx).all({ id });
 */
export function inTransaction<Q extends object>(prepared: Q, tx: Tx): Q {
  if (!('tx' in prepared)) {
    throw new Error('drizzle prepared queries no longer keep their transaction as `tx`; update inTransaction');
  }
  return Object.create(prepared, { tx: { value: rawTransaction(tx) } }) as Q;
}
