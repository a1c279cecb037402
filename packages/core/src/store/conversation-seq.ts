import { eq, sql } from 'drizzle-orm';
import { conversations } from '../db/schema';
import type { Tx } from '../db/write-queue';

/**
 * Takes the next sequence number of a conversation. Every change of a conversation gets one, so
 * a client that knows the last number it saw can ask for exactly what it missed.
 *
 * @example
 * const seq = await nextSeq(tx, conversationId, now);
 */
export async function nextSeq(tx: Tx, conversationId: string, now: string): Promise<number> {
  const [row] = await tx
    .update(conversations)
    .set({ seq: sql`${conversations.seq} + 1`, updatedAt: now })
    .where(eq(conversations.id, conversationId))
    .returning({ seq: conversations.seq });
  if (!row) throw new Error(`conversation ${conversationId} vanished inside its own transaction`);
  return row.seq;
}
