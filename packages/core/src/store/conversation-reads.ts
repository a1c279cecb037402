import { conversationReads } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { requireConversation } from './conversation-lookup';

/**
 * Marks a conversation read for one agent now: its inbound messages up to this moment stop
 * counting as unread for that agent (and only for that agent). Read marks are per-agent UI state,
 * not conversation facts, so they take no sequence number and record no event.
 *
 * @example
 * const { lastReadAt } = await queue.write((tx) => markConversationRead(tx, agentId, conversationId));
 */
export async function markConversationRead(tx: Tx, agentId: string, conversationId: string): Promise<{ conversationId: string; lastReadAt: string }> {
  await requireConversation(tx, conversationId);
  const lastReadAt = new Date().toISOString();
  await tx
    .insert(conversationReads)
    .values({ agentId, conversationId, lastReadAt })
    .onConflictDoUpdate({ target: [conversationReads.agentId, conversationReads.conversationId], set: { lastReadAt } });
  return { conversationId, lastReadAt };
}
