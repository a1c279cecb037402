import type { CoreCommandOutput, SetLabelsInputSchema, SetPriorityInputSchema, SetTeamInputSchema } from '@switchboard/events';
import { eq } from 'drizzle-orm';
import type * as v from 'valibot';
import { conversations, teams } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { requireConversation } from './conversation-lookup';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';

type SetTeamInput = v.InferOutput<typeof SetTeamInputSchema>;
type SetPriorityInput = v.InferOutput<typeof SetPriorityInputSchema>;
type SetLabelsInput = v.InferOutput<typeof SetLabelsInputSchema>;
type ChangeOutput = CoreCommandOutput<'core.conversation.set_team.v1'>;
type Priority = SetPriorityInput['priority'];

// Triage: team, priority and labels. Each change takes the conversation's next sequence number
// and records one event; setting what is already set changes nothing and records nothing.

/**
 * Hands a conversation to a team, or to none with `teamId: null`. An unknown team is a 422.
 *
 * @example
 * await queue.write((tx) => setConversationTeam(tx, { conversationId, teamId, actor }, ctx));
 */
export async function setConversationTeam(tx: Tx, input: SetTeamInput, context: EventContext): Promise<ChangeOutput> {
  const conv = await requireConversation(tx, input.conversationId);
  if (conv.teamId === input.teamId) return { conversationId: conv.id, seq: conv.seq, changed: false };
  if (input.teamId) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId));
    if (!team) throw new CoreError({ code: CoreErrorCodes.TEAM_NOT_FOUND, message: `team ${input.teamId} does not exist; create it first (POST /api/v1/teams)`, status: 422 });
  }
  const now = new Date().toISOString();
  await tx.update(conversations).set({ teamId: input.teamId }).where(eq(conversations.id, conv.id));
  const seq = await nextSeq(tx, conv.id, now);
  await appendEvent(
    tx,
    'core.conversation.team_changed.v1',
    { conversationId: conv.id, seq, teamId: input.teamId, previousTeamId: conv.teamId, actor: input.actor },
    { ...context, subject: conv.id },
  );
  return { conversationId: conv.id, seq, changed: true };
}

/**
 * Sets a conversation's priority (`urgent`, `high`, `medium`, `low`) or clears it with `null`.
 *
 * @example
 * await queue.write((tx) => setConversationPriority(tx, { conversationId, priority: 'urgent', actor }, ctx));
 */
export async function setConversationPriority(tx: Tx, input: SetPriorityInput, context: EventContext): Promise<ChangeOutput> {
  const conv = await requireConversation(tx, input.conversationId);
  const previous = (conv.priority ?? null) as Priority;
  if (previous === input.priority) return { conversationId: conv.id, seq: conv.seq, changed: false };
  const now = new Date().toISOString();
  await tx.update(conversations).set({ priority: input.priority }).where(eq(conversations.id, conv.id));
  const seq = await nextSeq(tx, conv.id, now);
  await appendEvent(
    tx,
    'core.conversation.priority_changed.v1',
    { conversationId: conv.id, seq, priority: input.priority, previous, actor: input.actor },
    { ...context, subject: conv.id },
  );
  return { conversationId: conv.id, seq, changed: true };
}

/**
 * Replaces a conversation's labels with a set (already normalised by the input schema). The event
 * carries the new set and what was added and removed.
 *
 * @example
 * await queue.write((tx) => setConversationLabels(tx, { conversationId, labels: ['refund', 'vip'], actor }, ctx));
 */
export async function setConversationLabels(tx: Tx, input: SetLabelsInput, context: EventContext): Promise<ChangeOutput> {
  const conv = await requireConversation(tx, input.conversationId);
  const before = JSON.parse(conv.labels) as string[];
  const labels = input.labels;
  const added = labels.filter((l) => !before.includes(l));
  const removed = before.filter((l) => !labels.includes(l));
  if (added.length === 0 && removed.length === 0) return { conversationId: conv.id, seq: conv.seq, changed: false };
  const now = new Date().toISOString();
  await tx.update(conversations).set({ labels: JSON.stringify(labels) }).where(eq(conversations.id, conv.id));
  const seq = await nextSeq(tx, conv.id, now);
  await appendEvent(
    tx,
    'core.conversation.labels_changed.v1',
    { conversationId: conv.id, seq, labels, added, removed, actor: input.actor },
    { ...context, subject: conv.id },
  );
  return { conversationId: conv.id, seq, changed: true };
}
