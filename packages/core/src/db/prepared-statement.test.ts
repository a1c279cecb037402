import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateCore } from './migrate';
import { openDatabase, type DatabaseHandle } from './open-database';
import { inTransaction, statementBuilder } from './prepared-statement';
import { settings } from './schema';
import { createWriteQueue } from './write-queue';

const insertSetting = statementBuilder
  .insert(settings)
  .values({ key: sql.placeholder('key'), value: sql.placeholder('value') })
  .prepare();
const settingByKey = statementBuilder.select().from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();

describe('prepared statements in write jobs', () => {
  let dir: string;
  let dbh: DatabaseHandle;
  afterEach(async () => {
    dbh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('run inside the job transaction: they see its writes and roll back with it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-prepared-'));
    dbh = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    await migrateCore(dbh.client);
    const queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: true });

    const seen = await queue.write(async (tx) => {
      await inTransaction(insertSetting, tx).run({ key: 'kept', value: '1' });
      return inTransaction(settingByKey, tx).all({ key: 'kept' });
    });
    expect(seen).toEqual([{ key: 'kept', value: '1' }]);

    const results = await Promise.allSettled([
      queue.write((tx) => inTransaction(insertSetting, tx).run({ key: 'a', value: '2' })),
      queue.write(async (tx) => {
        await inTransaction(insertSetting, tx).run({ key: 'b', value: '3' });
        throw new Error('this job fails');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await dbh.db.select().from(settings)).map((r) => r.key).sort()).toEqual(['a', 'kept']);
  });
});
