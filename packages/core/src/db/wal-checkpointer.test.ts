import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from './open-database';
import { startWalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './wal-checkpointer';
import { createWriteQueue } from './write-queue';
import { createWriterLock, WRITER_LOCK_CELLS } from './writer-lock';

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

  it('with the writers\' lock, completes its checkpoints under continuous writes, so the WAL starts over instead of growing', async () => {
    const { path, lock, queue } = await openLockedBlobs();
    const checkpointer = startWalCheckpointer({ path, everyMs: 20, lock: lock.buffer, logger: pino({ level: 'silent' }) });
    // Back-to-back commits of about five pages each, twice what the writer lets the WAL reach
    // before it checkpoints inside a commit: an unlocked checkpoint never catches up with them,
    // and without the locked pass the WAL file grows past the writer's threshold. With it, the
    // WAL holds what is written during about one round (less than a few MB here, some 20 MB with
    // the machine busy with other tests).
    const pageSize = 4096;
    const commits = Math.ceil((2 * WRITER_AUTOCHECKPOINT_PAGES) / 5);
    try {
      for (let i = 0; i < commits; i++) await queue.write((tx) => tx.run(sql`INSERT INTO blobs VALUES (randomblob(${4 * pageSize}))`));
    } finally {
      await checkpointer.stop();
    }
    expect(Number((await dbh.client.execute('SELECT COUNT(*) AS n FROM blobs')).rows[0]?.n)).toBe(commits);
    expect(statSync(`${path}-wal`).size).toBeLessThan(0.75 * WRITER_AUTOCHECKPOINT_PAGES * pageSize);
  });

  it('takes the lock once after writes, then no more while nothing is written (an idle server)', async () => {
    const { path, lock, queue } = await openLockedBlobs();
    for (let i = 0; i < 50; i++) await queue.write((tx) => tx.run(sql`INSERT INTO blobs VALUES (randomblob(40000))`));
    const tickets = () => Atomics.load(new Int32Array(lock.buffer), WRITER_LOCK_CELLS.next);
    const before = tickets();

    const checkpointer = startWalCheckpointer({ path, everyMs: 20, lock: lock.buffer, logger: pino({ level: 'silent' }) });
    try {
      await expect.poll(tickets, { timeout: 10_000 }).toBe(before + 1);
      // Ten more rounds with nothing new to copy.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(tickets()).toBe(before + 1);
    } finally {
      await checkpointer.stop();
    }
  });

  /** A database with a blobs table, written through a queue under a writers' lock, as the server does. */
  async function openLockedBlobs() {
    dir = await mkdtemp(join(tmpdir(), 'swb-ckpt-'));
    const path = join(dir, 'db.sqlite');
    dbh = await openDatabase({ url: `file:${path}` });
    await dbh.client.execute('CREATE TABLE blobs (b BLOB)');
    const lock = createWriterLock();
    return { path, lock, queue: createWriteQueue({ db: dbh.db, client: dbh.client, local: true, lock }) };
  }
});
