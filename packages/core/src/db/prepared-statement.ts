import { Column, getTableName, is, Param, Placeholder, SQL, Subquery } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { rawTransaction } from './raw-transaction';
import * as schema from './schema';
import type { RawStatements } from './statement-cache-client';
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
 * Binds a statement prepared on {@link statementBuilder} to a write job's transaction, through
 * drizzle's own prepared query: the path of {@link hotStatement} on a connection without the raw
 * one, and the reference its tests compare with. A prepared query keeps the transaction it runs in
 * as `tx` (like {@link rawTransaction}, a drizzle internal; the tests of this file fail if an
 * upgrade moves it), so each run uses a copy bound to the caller's.
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

/** The drizzle prepared query a {@link hotStatement} is made from. */
type Prepared = { all(values?: Record<string, unknown>): Promise<unknown>; run(values?: Record<string, unknown>): Promise<unknown> };
/** The rows of a prepared query (`never` for a statement without rows). */
type RowOf<Q extends Prepared> = Awaited<ReturnType<Q['all']>> extends Array<infer R> ? R : never;

/** A statement of the writer's hot path: SQL built once by drizzle, run straight on the writer's connection. */
export type HotStatement<Row> = {
  /** Runs the statement in the job's transaction; its rows shaped as drizzle shapes them. */
  all(tx: Tx, values: Record<string, unknown>): Promise<Row[]>;
  /** Runs the statement in the job's transaction for its effect. */
  run(tx: Tx, values: Record<string, unknown>): Promise<void>;
};

/** What drizzle keeps on a prepared SQLite query (internals: the tests of this file fail if an upgrade moves them). */
type PreparedInternals = {
  query?: { sql?: unknown; params?: unknown };
  fields?: Array<{ path: string[]; field: unknown }>;
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: unknown;
};

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type Argument = { name: string; encoder?: { mapToDriverValue(value: unknown): unknown } } | { value: unknown };

/**
 * A statement prepared on {@link statementBuilder} for the write jobs that run it on every
 * message. {@link inTransaction} still goes through drizzle's prepared query on each run —
 * placeholders filled by type checks, a cache lookup, the client's row objects, then drizzle's
 * mapping, again by type checks on every column — which cost the writer thread about a seventh of
 * its time under load. Here that is worked out once: the arguments' order, each column's decoder
 * and place in the result; a run passes the values to the writer connection's prepared statement
 * and builds each row straight from SQLite's values. The rows are the same as drizzle's; on a
 * connection without that raw path (a libSQL server) it runs through drizzle as before.
 *
 * @example
 * const byId = hotStatement(statementBuilder.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare());
 * const [contact] = await byId.all(tx, { id });
 */
export function hotStatement<Q extends Prepared>(prepared: Q): HotStatement<RowOf<Q>> {
  type Row = RowOf<Q>;
  const internals = prepared as PreparedInternals;
  const sqlText = internals.query?.sql;
  const params = internals.query?.params;
  if (typeof sqlText !== 'string' || !Array.isArray(params) || internals.customResultMapper) {
    throw new Error('drizzle prepared queries no longer keep query.sql and query.params (or this is a relational query); update hotStatement');
  }
  const argumentsInOrder: Argument[] = params.map((p: unknown) => {
    if (is(p, Placeholder)) return { name: p.name };
    if (is(p, Param) && is(p.value, Placeholder)) return { name: p.value.name, encoder: p.encoder };
    return { value: p };
  });
  const columns = (internals.fields ?? []).map(({ path, field }) => ({
    parents: path.slice(0, -1),
    key: path[path.length - 1]!,
    decoder: decoderOf(field),
    // A column of a joined table selected as a nested object, which drizzle nulls when the join found no row.
    table: internals.joinsNotNullableMap && is(field, Column) && path.length === 2 ? getTableName(field.table) : null,
  }));
  const joinsNotNullable = internals.joinsNotNullableMap;

  function bind(values: Record<string, unknown>): unknown[] {
    return argumentsInOrder.map((a) => {
      if ('value' in a) return a.value;
      if (!(a.name in values)) throw new Error(`No value for placeholder "${a.name}" was provided`);
      return a.encoder ? a.encoder.mapToDriverValue(values[a.name]) : values[a.name];
    });
  }

  function mapRow(raw: unknown[]): Row {
    const row: Record<string, unknown> = {};
    let nullify: Record<string, string | false> | null = null;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      let node = row;
      for (const parent of column.parents) node = (node[parent] ??= {}) as Record<string, unknown>;
      const value = raw[i] === null ? null : column.decoder.mapFromDriverValue(raw[i]);
      node[column.key] = value;
      if (column.table) {
        nullify ??= {};
        const object = column.parents[0]!;
        if (!(object in nullify)) nullify[object] = value === null ? column.table : false;
        else if (typeof nullify[object] === 'string' && nullify[object] !== column.table) nullify[object] = false;
      }
    }
    if (nullify && joinsNotNullable) {
      for (const [object, table] of Object.entries(nullify)) if (typeof table === 'string' && !joinsNotNullable[table]) row[object] = null;
    }
    return row as Row;
  }

  /** The writer connection's raw path, when the transaction runs on it (see withWriterConnection). */
  const rawPath = (tx: Tx): RawStatements | null => {
    const inner = rawTransaction(tx) as Partial<RawStatements>;
    return typeof inner.query === 'function' ? (inner as RawStatements) : null;
  };

  return {
    async all(tx, values) {
      const raw = rawPath(tx);
      if (!raw) return (await inTransaction(prepared, tx).all(values)) as Row[];
      const rows = raw.query(sqlText, bind(values) as Parameters<RawStatements['query']>[1]);
      if (!rows) return [];
      if (columns.length === 0) throw new Error('hotStatement: a statement that returns rows needs selected fields');
      return rows.map(mapRow);
    },
    async run(tx, values) {
      const raw = rawPath(tx);
      if (!raw) {
        await inTransaction(prepared, tx).run(values);
        return;
      }
      raw.query(sqlText, bind(values) as Parameters<RawStatements['query']>[1]);
    },
  };
}

/** The decoder drizzle's mapResultRow picks for a selected field. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  // `decoder` is internal to drizzle's SQL (what `.mapWith()` sets).
  const decoder = (sql: unknown) => (sql as { decoder: Decoder }).decoder;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder((field as unknown as { _: { sql: SQL } })._.sql);
  return decoder((field as { sql: SQL }).sql);
}
