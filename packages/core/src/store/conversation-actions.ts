import type { AssignInputSchema, ChangeStatusInputSchema, CoreCommandOutput } from '@switchboard/events';
import { eq } from 'drizzle-orm';
import type * as v from 'valibot';
import { agents, conversations } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { requireConversation } from './conversation-lookup';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';

type AssignInput = v.InferOutput<typeof AssignInputSchema>;
type ChangeStatusInput = v.InferOutput<typeof ChangeStatusInputSchema>;
type ChangeOutput = CoreCommandOutput<'core.conversation.assign.v1'>;

/**
 * Assigns a conversation to an agent, or unassigns it with `agentId: null`. Assigning to the
 * current assignee changes nothing and records nothing.
 *
 * @example
 * await queue.write((tx) => assignConversation(tx, { conversationId, agentId, actor }, ctx));
 */
export async function assignConversation(tx: Tx, input: AssignInput, context: EventContext): Promise<ChangeOutput> {
  const conv = await requireConversation(tx, input.conversationId);
  if (conv.assigneeId === input.agentId) return { conversationId: conv.id, seq: conv.seq, changed: false };
  const now = new Date().toISOString();
  if (input.agentId) {
    const [agent] = await tx.select({ id: agents.id, disabledAt: agents.disabledAt }).from(agents).where(eq(agents.id, input.agentId));
    if (!agent || agent.disabledAt) {
      throw new CoreError({ code: CoreErrorCodes.AGENT_NOT_FOUND, message: `agent ${input.agentId} does not exist or is disabled`, status: 422 });
    }
  }
  await tx.update(conversations).set({ assigneeId: input.agentId }).where(eq(conversations.id, conv.id));
  const seq = await nextSeq(tx, conv.id, now);
  if (input.agentId) {
    await appendEvent(
      tx,
      'core.conversation.assigned.v1',
      { conversationId: conv.id, seq, agentId: input.agentId, previousAgentId: conv.assigneeId, actor: input.actor },
      { ...context, subject: conv.id },
    );
  } else {
    await appendEvent(
      tx,
      'core.conversation.unassigned.v1',
      { conversationId: conv.id, seq, previousAgentId: conv.assigneeId!, actor: input.actor },
      { ...context, subject: conv.id },
    );
  }
  return { conversationId: conv.id, seq, changed: true };
}

/**
 * Moves a conversation to another status. Snoozing needs a time in the future; any other status
 * clears it.
 *
 * @example
 * await queue.write((tx) => changeStatus(tx, { conversationId, status: 'resolved', actor }, ctx));
 */
export async function changeStatus(tx: Tx, input: ChangeStatusInput, context: EventContext): Promise<ChangeOutput> {
  const conv = await requireConversation(tx, input.conversationId);
  const snoozedUntil = input.status === 'snoozed' ? (input.snoozedUntil ?? null) : null;
  if (input.status === 'snoozed' && (!snoozedUntil || Date.parse(snoozedUntil) <= Date.now())) {
    throw new CoreError({ code: CoreErrorCodes.VALIDATION, message: 'snoozing needs snoozedUntil in the future', status: 422 });
  }
  if (conv.status === input.status && conv.snoozedUntil === snoozedUntil) return { conversationId: conv.id, seq: conv.seq, changed: false };
  const now = new Date().toISOString();
  await tx
    .update(conversations)
    .set({ status: input.status, snoozedUntil, ...(input.status === 'resolved' ? { waitingSince: null } : {}) })
    .where(eq(conversations.id, conv.id));
  const seq = await nextSeq(tx, conv.id, now);
  await appendEvent(
    tx,
    'core.conversation.status_changed.v1',
    { conversationId: conv.id, seq, from: conv.status, to: input.status, snoozedUntil, actor: input.actor },
    { ...context, subject: conv.id },
  );
  return { conversationId: conv.id, seq, changed: true };
}
