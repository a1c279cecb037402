import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStatementCacheClient, type StatementClient } from './statement-cache-client';

describe('statement cache client', () => {
  let dir: string;
  let cached: StatementClient;
  let reference: Client;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swb-stmt-'));
    const path = join(dir, 'db.sqlite');
    cached = openStatementCacheClient(path, { maxStatements: 2 });
    await cached.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, flag INTEGER, data BLOB)');
    reference = createClient({ url: `file:${path}`, intMode: 'number' });
  });
  afterEach(() => {
    cached.close();
    reference.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers like @libsql/client: rows by index and by name, affected rows, last insert id', async () => {
    const inserted = await cached.execute({ sql: 'INSERT INTO t (name, n, flag) VALUES (?, ?, ?)', args: ['ada', 7, true] });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    const sql = { sql: 'SELECT id, name, n, flag FROM t WHERE name = :name', args: { ':name': 'ada' } };
    const mine = await cached.execute(sql);
    const theirs = await reference.execute(sql);
    expect(mine.columns).toEqual(theirs.columns);
    expect(mine.columnTypes).toEqual(theirs.columnTypes);
    expect(mine.rows).toEqual(theirs.rows);
    const [row] = mine.rows;
    expect(row?.[1]).toBe('ada');
    expect(row?.['name']).toBe('ada');
    expect(row?.length).toBe(4);
    expect(Array.prototype.slice.call(row)).toEqual([1, 'ada', 7, 1]);
    expect(Object.keys(row ?? {})).toEqual(['id', 'name', 'n', 'flag']);
  });

  it('reuses a prepared statement with new values, and keeps working after evicting old ones', async () => {
    const insert = 'INSERT INTO t (name, n) VALUES (?, ?)';
    for (let i = 0; i < 5; i++) await cached.execute({ sql: insert, args: [`p${i}`, i] });
    // More distinct statements than the cache holds.
    for (const sql of ['SELECT count(*) AS c FROM t', 'SELECT max(n) AS m FROM t', 'SELECT min(n) AS m FROM t']) await cached.execute(sql);
    await cached.execute({ sql: insert, args: ['p5', 5] });
    const all = await cached.execute('SELECT name FROM t ORDER BY n');
    expect(all.rows.map((r) => r['name'])).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('fails like @libsql/client: SQLite codes on constraint errors, no unsafe integers, no undefined', async () => {
    await cached.execute({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [1, 'a'] });
    const dup = await cached.execute({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [1, 'b'] }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(LibsqlError);
    expect((dup as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
    await cached.execute({ sql: 'INSERT INTO t (id, n) VALUES (?, ?)', args: [2, 2n ** 60n] });
    await expect(cached.execute('SELECT n FROM t WHERE id = 2')).rejects.toThrow(RangeError);
    await expect(cached.execute({ sql: 'SELECT ?', args: [undefined as unknown as null] })).rejects.toThrow(TypeError);
    await expect(cached.execute('SELECT * FROM missing')).rejects.toBeInstanceOf(LibsqlError);
  });

  it('runs raw statements: rows as arrays, null for statements without rows, and the same errors', async () => {
    expect(cached.query('INSERT INTO t (id, name, n, flag, data) VALUES (?, ?, ?, ?, ?)', [1, 'ada', 7, true, new Uint8Array([1, 2]).buffer])).toBeNull();
    const rows = cached.query('SELECT id, name, n, flag, data FROM t WHERE id = ?', [1]);
    expect(rows).toEqual([[1, 'ada', 7, 1, Buffer.from([1, 2])]]);
    expect(cached.query('SELECT id FROM t WHERE id = ?', [99])).toEqual([]);

    const dup = (() => {
      try {
        return cached.query('INSERT INTO t (id) VALUES (?)', [1]);
      } catch (err) {
        return err;
      }
    })();
    expect(dup).toBeInstanceOf(LibsqlError);
    expect((dup as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
    cached.query('INSERT INTO t (id, n) VALUES (?, ?)', [2, 2n ** 60n]);
    expect(() => cached.query('SELECT n FROM t WHERE id = ?', [2])).toThrow(RangeError);
    expect(() => cached.query('SELECT ?', [undefined as unknown as null])).toThrow(TypeError);
  });

  it('sees its own writes inside a transaction and loses them on rollback', async () => {
    await cached.execute('BEGIN IMMEDIATE');
    await cached.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['temp'] });
    expect((await cached.execute('SELECT count(*) AS c FROM t')).rows[0]?.['c']).toBe(1);
    await cached.execute('ROLLBACK');
    expect((await reference.execute('SELECT count(*) AS c FROM t')).rows[0]?.['c']).toBe(0);
  });
});
