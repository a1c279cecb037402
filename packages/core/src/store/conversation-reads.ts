import { and, desc, eq } from 'drizzle-orm';
import { conversationReads, messages } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { requireConversation } from './conversation-lookup';
import { appendEvent, type EventContext } from './event-journal';

/** What a read mark answers: when, and the newest message it reached (null in an empty conversation). */
export type ReadMark = { conversationId: string; lastReadAt: string; lastReadMessageId: string | null };

/**
 * Marks a conversation read for one agent now: its inbound messages up to this moment stop
 * counting as unread for that agent (and only for that agent). Read marks are per-agent UI state,
 * not conversation facts, so they take no sequence number; but when the mark reaches a newer
 * message than the agent's last one, `core.conversation.read.v1` tells channels, so a customer can
 * see "Seen" (the web chat does).
 *
 * @example
 * const { lastReadAt } = await queue.write((tx) => markConversationRead(tx, agentId, conversationId, ctx));
 */
export async function markConversationRead(tx: Tx, agentId: string, conversationId: string, context: EventContext = {}): Promise<ReadMark> {
  await requireConversation(tx, conversationId);
  const lastReadAt = new Date().toISOString();
  const [newest] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.private, false)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  const lastReadMessageId = newest?.id ?? null;
  const [before] = await tx
    .select({ lastReadMessageId: conversationReads.lastReadMessageId })
    .from(conversationReads)
    .where(and(eq(conversationReads.agentId, agentId), eq(conversationReads.conversationId, conversationId)));
  await tx
    .insert(conversationReads)
    .values({ agentId, conversationId, lastReadAt, lastReadMessageId })
    .onConflictDoUpdate({ target: [conversationReads.agentId, conversationReads.conversationId], set: { lastReadAt, lastReadMessageId } });
  if (lastReadMessageId && lastReadMessageId !== before?.lastReadMessageId) {
    await appendEvent(tx, 'core.conversation.read.v1', { conversationId, agentId, lastReadMessageId, at: lastReadAt }, { ...context, subject: conversationId });
  }
  return { conversationId, lastReadAt, lastReadMessageId };
}
