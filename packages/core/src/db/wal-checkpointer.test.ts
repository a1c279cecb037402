import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './open-database';
import { startWalCheckpointer } from './wal-checkpointer';

describe('WAL checkpointer thread', () => {
  let dir: string;
  let dbh: DatabaseHandle;
  afterEach(async () => {
    dbh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file, which the writer no longer does inside its commits', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-ckpt-'));
    const path = join(dir, 'db.sqlite');
    dbh = await openDatabase({ url: `file:${path}` });
    await dbh.client.execute('CREATE TABLE blobs (b BLOB)');
    const tx = await dbh.client.transaction('write');
    // About 2,000 pages: more than SQLite's own threshold (1,000), less than the writer's now.
    for (let i = 0; i < 200; i++) await tx.execute('INSERT INTO blobs VALUES (randomblob(40000))');
    await tx.commit();
    expect(statSync(path).size).toBeLessThan(1_000_000);

    const checkpointer = startWalCheckpointer({ path, everyMs: 50, logger: pino({ level: 'silent' }) });
    try {
      await expect.poll(() => statSync(path).size, { timeout: 10_000 }).toBeGreaterThan(8_000_000);
    } finally {
      await checkpointer.stop();
    }
  });
});
