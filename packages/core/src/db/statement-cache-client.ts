import { Buffer } from 'node:buffer';
import { LibsqlError, type InStatement, type InValue, type ResultSet, type Row } from '@libsql/client';
import Database from 'libsql';

/** What the writer connection needs of a client: statements, scripts, and closing. */
export type StatementClient = {
  execute(stmt: InStatement): Promise<ResultSet>;
  /** {@link RawStatements.query}: the writer's hot path, without result-set objects. */
  query: RawStatements['query'];
  executeMultiple(sql: string): Promise<void>;
  close(): void;
};

type CachedStatement = {
  stmt: Database.Statement;
  /** Column names when the statement returns rows, `null` when it does not. */
  columns: string[] | null;
  columnTypes: string[];
};

/**
 * Statements by SQL text and positional arguments, with rows as plain arrays: what a caller that
 * maps rows itself needs (see hotStatement), without building `@libsql/client` rows.
 */
export type RawStatements = {
  /**
   * Runs one statement synchronously. Returns its rows as arrays of values in column order
   * (integers as numbers, an integer beyond 2^53 an error; blobs as Buffers), or `null` for a
   * statement that returns no rows. Arguments are as for `execute` (booleans become 0/1).
   */
  query(sql: string, args: readonly InValue[]): unknown[][] | null;
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * A client for one local libSQL file that keeps its prepared statements. `@libsql/client`'s local
 * client prepares every statement again on each call and asks it for its columns twice; on the
 * inbound hot path (about ten statements per message, some inserting into tables with FTS
 * triggers and several indexes) that compiling was a tenth of the server's CPU. Results have the
 * same shape as the client's (`intMode: 'number'`: rows with index and column-name access, an
 * integer beyond 2^53 is an error rather than a silently wrong number), and errors are the same
 * `LibsqlError`s with SQLite's codes, so drizzle and the store cannot tell the difference.
 *
 * @example
 * const writer = openStatementCacheClient('/data/switchboard.db');
 * await writer.execute({ sql: 'SELECT 1 AS one', args: [] }); // rows: [{ one: 1 }]
 */
export function openStatementCacheClient(path: string, options: { maxStatements?: number } = {}): StatementClient {
  const db = new Database(path);
  const maxStatements = options.maxStatements ?? 256;
  const cache = new Map<string, CachedStatement>();

  function prepared(sql: string): CachedStatement {
    const hit = cache.get(sql);
    if (hit) {
      // Most recently used last, so eviction takes the least recently used.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const stmt = db.prepare(sql);
    stmt.safeIntegers(true);
    let entry: CachedStatement;
    if (stmt.reader) {
      stmt.raw(true);
      const described = stmt.columns() as Array<{ name: string; type: string | null }>;
      entry = { stmt, columns: described.map((c) => c.name), columnTypes: described.map((c) => c.type ?? '') };
    } else {
      entry = { stmt, columns: null, columnTypes: [] };
    }
    if (cache.size >= maxStatements) cache.delete(cache.keys().next().value as string);
    cache.set(sql, entry);
    return entry;
  }

  function executeSync(input: InStatement): ResultSet {
    const sql = typeof input === 'string' ? input : input.sql;
    const args = typeof input === 'string' ? [] : bindArgs(input.args);
    try {
      const { stmt, columns, columnTypes } = prepared(sql);
      if (columns) {
        const rows = (stmt.all(args) as unknown[][]).map((raw) => toRow(raw, columns));
        return resultSet(columns, columnTypes, rows, 0, undefined);
      }
      const info = stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  function query(sql: string, args: readonly InValue[]): unknown[][] | null {
    try {
      const { stmt, columns } = prepared(sql);
      const bound = args.map(toSql);
      if (!columns) {
        stmt.run(bound);
        return null;
      }
      const rows = stmt.all(bound) as unknown[][];
      for (const row of rows) for (let i = 0; i < row.length; i++) if (typeof row[i] === 'bigint') row[i] = safeNumber(row[i] as bigint);
      return rows;
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  return {
    execute: async (stmt) => executeSync(stmt),
    query,
    async executeMultiple(sql) {
      try {
        db.exec(sql);
      } catch (err) {
        throw toLibsqlError(err);
      }
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}

function bindArgs(args: InStatement extends string ? never : Exclude<InStatement, string>['args']): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const name of Object.keys(args)) {
    const bare = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[bare] = toSql((args as Record<string, InValue>)[name] as InValue);
  }
  return named;
}

function toSql(value: InValue): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function safeNumber(value: bigint): number {
  if (value > MAX_SAFE || value < MIN_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
  return Number(value);
}

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') return safeNumber(value);
  if (value instanceof Buffer) return value.buffer;
  return value;
}

/** A row as `@libsql/client` builds it: values by index (not enumerable) and by column name. */
function toRow(raw: unknown[], columns: string[]): Row {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, 'length', { value: raw.length });
  for (let i = 0; i < raw.length; i++) {
    const value = fromSql(raw[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] as string;
    if (!Object.hasOwn(row, column)) row[column] = value;
  }
  return row as unknown as Row;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((r) => Array.prototype.slice.call(r)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

function toLibsqlError(err: unknown): unknown {
  if (err instanceof Database.SqliteError) {
    const e = err as Error & { code: string; rawCode?: number };
    return new LibsqlError(e.message, e.code, e.rawCode, e);
  }
  return err;
}
