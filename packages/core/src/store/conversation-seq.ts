import { eq, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { conversations } from '../db/schema';
import type { Tx } from '../db/write-queue';

type ConversationChanges = Omit<SQLiteUpdateSetSource<typeof conversations>, 'id' | 'seq'>;

/**
 * Takes the next sequence number of a conversation. Every change of a conversation gets one, so
 * a client that knows the last number it saw can ask for exactly what it missed. `also` sets more
 * columns in the same statement (one round trip instead of two on hot paths).
 *
 * @example
 * const seq = await nextSeq(tx, conversationId, now);
 * const seq2 = await nextSeq(tx, conversationId, now, { lastActivityAt: now });
 */
export async function nextSeq(tx: Tx, conversationId: string, now: string, also: ConversationChanges = {}): Promise<number> {
  const [row] = await tx
    .update(conversations)
    .set({ updatedAt: now, ...also, seq: sql`${conversations.seq} + 1` })
    .where(eq(conversations.id, conversationId))
    .returning({ seq: conversations.seq });
  if (!row) throw new Error(`conversation ${conversationId} vanished inside its own transaction`);
  return row.seq;
}
