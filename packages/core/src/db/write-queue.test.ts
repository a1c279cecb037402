import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateCore } from './migrate';
import { openDatabase, type DatabaseHandle } from './open-database';
import { settings } from './schema';
import { createWriteQueue } from './write-queue';

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
});
