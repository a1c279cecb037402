import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateCore } from './migrate';
import { openDatabase, type DatabaseHandle } from './open-database';
import { hotStatement, inTransaction, statementBuilder } from './prepared-statement';
import { rawTransaction } from './raw-transaction';
import * as schema from './schema';
import { conversations, legs, messages, settings } from './schema';
import { createWriteQueue } from './write-queue';

const insertSetting = statementBuilder
  .insert(settings)
  .values({ key: sql.placeholder('key'), value: sql.placeholder('value') })
  .prepare();
const settingByKey = statementBuilder.select().from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();

let dir: string;
let dbh: DatabaseHandle | undefined;
afterEach(async () => {
  dbh?.close();
  dbh = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('prepared statements in write jobs', () => {
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

const p = sql.placeholder;
/** A nested table object over an inner join, a plain column and an SQL field with a decoder. */
const legWithConversation = statementBuilder
  .select({ leg: legs, status: conversations.status, seqPlusOne: sql<number>`${conversations.seq} + 1`.mapWith(Number) })
  .from(legs)
  .innerJoin(conversations, eq(conversations.id, legs.conversationId))
  .where(and(eq(legs.thread, p('thread')), ne(conversations.status, 'resolved')))
  .orderBy(desc(legs.createdAt))
  .prepare();
/** A left join whose table object drizzle nulls when no row matched. */
const legWithMessage = statementBuilder
  .select({ legId: legs.id, message: messages })
  .from(legs)
  .leftJoin(messages, eq(messages.legId, legs.id))
  .where(eq(legs.thread, p('thread')))
  .prepare();
const bumpSeq = statementBuilder
  .update(conversations)
  .set({ seq: sql`${conversations.seq} + 1`, updatedAt: sql`${p('now')}` })
  .where(eq(conversations.id, p('id')))
  .returning({ seq: conversations.seq, private: sql<boolean>`0`.mapWith(Boolean) })
  .prepare();
const insertMessage = statementBuilder
  .insert(messages)
  .values({
    id: p('id'),
    conversationId: p('conversationId'),
    legId: p('legId'),
    direction: 'inbound',
    private: p('private'),
    senderKind: 'contact',
    text: p('text'),
    deliveryState: 'delivered',
    createdAt: p('now'),
    updatedAt: p('now'),
  })
  .prepare();

const hot = {
  legWithConversation: hotStatement(legWithConversation),
  legWithMessage: hotStatement(legWithMessage),
  bumpSeq: hotStatement(bumpSeq),
  insertMessage: hotStatement(insertMessage),
};

describe('hot statements', () => {
  async function seeded() {
    dir = await mkdtemp(join(tmpdir(), 'swb-hot-'));
    const handle = await openDatabase({ url: `file:${join(dir, 'db.sqlite')}` });
    dbh = handle;
    await migrateCore(handle.client);
    const now = '2026-11-23T10:00:00.000Z';
    await handle.db.insert(conversations).values({ id: 'c1', contactId: 'k1', status: 'open', lastActivityAt: now, createdAt: now, updatedAt: now });
    await handle.db.insert(legs).values([
      { id: 'l1', conversationId: 'c1', channel: 'api', account: 'a', thread: 't1', createdAt: now },
      { id: 'l2', conversationId: 'c1', channel: 'api', account: 'a', thread: 't2', createdAt: now },
    ]);
    return { db: handle.db, queue: createWriteQueue({ db: handle.db, client: handle.client, local: true }) };
  }

  it("run on the writer connection's raw path and give the rows drizzle gives", async () => {
    const { queue } = await seeded();
    const [fast, viaDrizzle] = await queue.write(async (tx) => {
      expect(typeof (rawTransaction(tx) as { query?: unknown }).query).toBe('function');
      await hot.insertMessage.run(tx, { id: 'm1', conversationId: 'c1', legId: 'l1', private: true, text: 'hi', now: '2026-11-23T10:01:00.000Z' });
      const ours = {
        joined: await hot.legWithConversation.all(tx, { thread: 't1' }),
        left: [...(await hot.legWithMessage.all(tx, { thread: 't1' })), ...(await hot.legWithMessage.all(tx, { thread: 't2' }))],
        none: await hot.legWithConversation.all(tx, { thread: 'nobody' }),
      };
      const theirs = {
        joined: await inTransaction(legWithConversation, tx).all({ thread: 't1' }),
        left: [...(await inTransaction(legWithMessage, tx).all({ thread: 't1' })), ...(await inTransaction(legWithMessage, tx).all({ thread: 't2' }))],
        none: await inTransaction(legWithConversation, tx).all({ thread: 'nobody' }),
      };
      return [ours, theirs];
    });
    expect(fast).toEqual(viaDrizzle);
    expect(fast.joined).toEqual([{ leg: expect.objectContaining({ id: 'l1', thread: 't1', lastInboundAt: '2026-11-23T10:01:00.000Z' }), status: 'open', seqPlusOne: 1 }]);
    // A boolean column decoded; the unmatched left join's table object null, as drizzle makes it.
    expect(fast.left).toEqual([
      { legId: 'l1', message: expect.objectContaining({ id: 'm1', private: true, channel: null }) },
      { legId: 'l2', message: null },
    ]);
  });

  it('see the writes of their transaction and roll back with it', async () => {
    const { db, queue } = await seeded();
    const seqs = await queue.write(async (tx) => [await hot.bumpSeq.all(tx, { id: 'c1', now: 'x' }), await hot.bumpSeq.all(tx, { id: 'c1', now: 'y' })]);
    expect(seqs).toEqual([[{ seq: 1, private: false }], [{ seq: 2, private: false }]]);
    await expect(
      queue.write(async (tx) => {
        await hot.bumpSeq.all(tx, { id: 'c1', now: 'z' });
        throw new Error('this job fails');
      }),
    ).rejects.toThrow('this job fails');
    expect((await db.select({ seq: conversations.seq }).from(conversations))[0]).toEqual({ seq: 2 });
    await expect(queue.write((tx) => hot.bumpSeq.all(tx, { id: 'c1' }))).rejects.toThrow('No value for placeholder "now" was provided');
  });

  it('go through drizzle on a connection without the raw path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-hot-'));
    const client = createClient({ url: `file:${join(dir, 'db.sqlite')}`, intMode: 'number' });
    try {
      await migrateCore(client);
      const db = drizzle(client, { schema });
      const now = '2026-11-23T10:00:00.000Z';
      await db.insert(conversations).values({ id: 'c1', contactId: 'k1', status: 'open', lastActivityAt: now, createdAt: now, updatedAt: now });
      const rows = await db.transaction(async (tx) => {
        expect((rawTransaction(tx) as { query?: unknown }).query).toBeUndefined();
        return hot.bumpSeq.all(tx, { id: 'c1', now });
      });
      expect(rows).toEqual([{ seq: 1, private: false }]);
    } finally {
      client.close();
    }
  });
});
