import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateCore } from './migrate';
import { openDatabase, type DatabaseHandle } from './open-database';
import { settings } from './schema';
import { createWriteQueue } from './write-queue';
import { createWriterLock } from './writer-lock';

describe('write queue (group commit)', () => {
  let dir: string;
  let dbh: DatabaseHandle;
  afterEach(async () => {
    dbh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('commits concurrent writes together, and a failing one rolls back alone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-wq-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    let commits = 0;
    const queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true, onCommit: () => commits++ });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        queue.write(async (tx) => {
          await tx.insert(settings).values({ key: `k${i}`, value: String(i) });
          if (i === 7) throw new Error('this one fails');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(results[7]).toMatchObject({ status: 'rejected' });
    const rows = await dbh.db.select().from(settings);
    expect(rows).toHaveLength(49);
    expect(await dbh.db.select().from(settings).where(eq(settings.key, 'k7'))).toHaveLength(0);
    // 50 writes arriving in one tick share very few transactions.
    expect(commits).toBeLessThan(5);
  });

  it('keeps working after a failed lone write', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-wq-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    const queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true });
    await expect(queue.write(() => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    await queue.write((tx) => tx.insert(settings).values({ key: 'after', value: '1' }));
    expect(await dbh.db.select().from(settings)).toHaveLength(1);
  });

  it('rejects exactly the failing writes of a batch, including one that conflicts with an earlier write of the same batch', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-wq-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    let runs = 0;
    const queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        queue.write(async (tx) => {
          runs++;
          // Write 25 takes the key of write 5, which is in the same batch: a primary-key conflict.
          await tx.insert(settings).values({ key: i === 25 ? 'k5' : `k${i}`, value: String(i) });
          if (i === 3 || i === 17) throw new Error(`write ${i} fails`);
          return i;
        }),
      ),
    );
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual([3, 17, 25]);
    const rows = await dbh.db.select().from(settings);
    expect(rows).toHaveLength(27);
    expect(rows.find((r) => r.key === 'k5')?.value).toBe('5');
    // Writes before a failing one ran again (the batch rolled back), none ran after it committed.
    expect(runs).toBeGreaterThan(30);
  });

  it('two queues writing one file share a writer lock and never meet SQLite\'s busy lock', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-wq-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    const other = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    try {
      // Without waiting, a transaction that finds the file locked fails at once with SQLITE_BUSY.
      await dbh.client.execute('PRAGMA busy_timeout=0');
      await other.client.execute('PRAGMA busy_timeout=0');
      const lock = createWriterLock();
      const first = createWriteQueue({ db: dbh.db, client: dbh.client, local: true, lock });
      const second = createWriteQueue({ db: other.db, client: other.client, local: true, lock: createWriterLock(lock.buffer) });
      const slowly = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const writes = Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? first : second).write(async (tx) => {
          await tx.insert(settings).values({ key: `k${i}`, value: String(i) });
          // Hold the transaction across a pause, so the other queue tries to write meanwhile.
          await slowly(2);
          return i;
        }),
      );
      expect((await Promise.allSettled(writes)).filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await dbh.db.select().from(settings)).toHaveLength(40);
    } finally {
      other.close();
    }
  });
});
