import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
    // The writer's own checkpoint at its threshold is switched off here, so every time the WAL
    // starts over is the checkpointer's doing. Back-to-back commits of about five pages each: an
    // unlocked checkpoint never catches up with them, so without the locked pass the WAL never
    // starts over (checked: it grows for the whole loop); with it, it starts over after every
    // round that copied everything. Counted by the WAL header's checkpoint sequence number (SQLite
    // adds one each time the WAL starts over), not by time or the file's size, which depend on how
    // much CPU the thread gets while other tests run.
    await queue.write((tx) => tx.run(sql`PRAGMA wal_autocheckpoint = 0`));
    await queue.write((tx) => tx.run(sql`INSERT INTO blobs VALUES (randomblob(16))`));
    const checkpointer = startWalCheckpointer({ path, everyMs: 20, lock: lock.buffer, logger: pino({ level: 'silent' }) });
    const restarts = new Set([walCheckpointSequence(path)]);
    // Bounded so that a checkpointer that never completes fails the test rather than filling the disk.
    const maxCommits = Math.ceil((4 * WRITER_AUTOCHECKPOINT_PAGES) / 5);
    let commits = 1;
    try {
      while (restarts.size < 4 && commits < maxCommits) {
        await queue.write((tx) => tx.run(sql`INSERT INTO blobs VALUES (randomblob(${4 * 4096}))`));
        commits++;
        if (commits % 5 === 0) restarts.add(walCheckpointSequence(path));
      }
    } finally {
      await checkpointer.stop();
    }
    expect(Number((await dbh.client.execute('SELECT COUNT(*) AS n FROM blobs')).rows[0]?.n)).toBe(commits);
    expect(restarts.size).toBe(4);
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

/** The checkpoint sequence number in a WAL file's header: SQLite adds one each time the WAL starts over. */
function walCheckpointSequence(path: string): number {
  const fd = openSync(`${path}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}
