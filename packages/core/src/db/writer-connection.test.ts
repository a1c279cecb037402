import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './open-database';

describe('local database: transactions on one writer connection', () => {
  let dir: string;
  let dbh: DatabaseHandle;
  afterEach(async () => {
    dbh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function open() {
    dir = await mkdtemp(join(tmpdir(), 'swb-writer-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await dbh.client.execute('CREATE TABLE t (k TEXT PRIMARY KEY)');
    return dbh.client;
  }

  it('keeps the reading connection across transactions, and reads see only committed writes', async () => {
    const client = await open();
    // A temporary table lives and dies with its connection.
    await client.execute('CREATE TEMP TABLE marker (x INTEGER)');
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['a'] });
    expect((await client.execute('SELECT COUNT(*) AS n FROM t')).rows[0]?.n).toBe(0);
    await tx.commit();
    expect(tx.closed).toBe(true);
    expect((await client.execute('SELECT COUNT(*) AS n FROM t')).rows[0]?.n).toBe(1);
    await expect(client.execute('SELECT COUNT(*) FROM marker')).resolves.toBeDefined();
  });

  it('runs single statements outside transactions on a connection of their own, apart from the writer\'s', async () => {
    const client = await open();
    await client.execute('CREATE TEMP TABLE only_outside (x INTEGER)');
    await client.execute({ sql: 'INSERT INTO only_outside VALUES (?)', args: [1] });
    expect((await client.execute('SELECT COUNT(*) AS n FROM only_outside')).rows[0]?.n).toBe(1);
    const tx = await client.transaction('write');
    await expect(tx.execute('SELECT COUNT(*) FROM only_outside')).rejects.toThrow(/no such table/);
    await tx.rollback();
  });

  it('rolls back, and the writer takes the next transaction', async () => {
    const client = await open();
    const failed = await client.transaction('write');
    await failed.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['a'] });
    await expect(failed.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['a'] })).rejects.toThrow();
    await failed.rollback();
    await expect(failed.execute('SELECT 1')).rejects.toThrow('closed');
    const next = await client.transaction('write');
    await next.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['b'] });
    await next.commit();
    expect((await client.execute('SELECT k FROM t')).rows.map((r) => r.k)).toEqual(['b']);
  });

  it('gives a transaction asked for while the writer is busy its own connection', async () => {
    const client = await open();
    const writing = await client.transaction('write');
    await writing.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['a'] });
    const reading = await client.transaction('read');
    expect((await reading.execute('SELECT COUNT(*) AS n FROM t')).rows[0]?.n).toBe(0);
    await reading.commit();
    await writing.commit();
    expect((await client.execute('SELECT COUNT(*) AS n FROM t')).rows[0]?.n).toBe(1);
  });
});
