import { eq } from 'drizzle-orm';
import { conversations } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';

/**
 * Loads a conversation row for a change, or fails with a 404 naming it.
 *
 * @example
 * const conv = await requireConversation(tx, id);
 */
export async function requireConversation(tx: Tx, conversationId: string): Promise<typeof conversations.$inferSelect> {
  const [conv] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!conv) {
    throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${conversationId} does not exist`, status: 404 });
  }
  return conv;
}
