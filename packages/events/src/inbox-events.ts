import * as v from 'valibot';
import { ActorSchema, AgentPresenceSchema, IdSchema, LabelSchema, PrioritySchema } from './model';

// Facts the agent inbox works with besides messages: triage (team, priority, labels), presence
// and teams. They join the core catalog in ./core-events.ts.

const conversationFact = { conversationId: IdSchema, seq: v.pipe(v.number(), v.integer(), v.minValue(1)) };

export const ConversationTeamChangedSchema = v.object({
  ...conversationFact,
  teamId: v.nullable(IdSchema),
  previousTeamId: v.nullable(IdSchema),
  actor: ActorSchema,
});
export const ConversationPriorityChangedSchema = v.object({
  ...conversationFact,
  priority: v.nullable(PrioritySchema),
  previous: v.nullable(PrioritySchema),
  actor: ActorSchema,
});
/** `labels` is the whole set after the change; `added` and `removed` the difference. */
export const ConversationLabelsChangedSchema = v.object({
  ...conversationFact,
  labels: v.array(LabelSchema),
  added: v.array(LabelSchema),
  removed: v.array(LabelSchema),
  actor: ActorSchema,
});
export const AgentPresenceChangedSchema = v.object({
  agentId: IdSchema,
  presence: AgentPresenceSchema,
  previous: AgentPresenceSchema,
});
export const TeamCreatedSchema = v.object({ teamId: IdSchema, name: v.string() });
export const TeamMemberAddedSchema = v.object({ teamId: IdSchema, agentId: IdSchema });
export const TeamMemberRemovedSchema = v.object({ teamId: IdSchema, agentId: IdSchema });

/**
 * An agent read a conversation up to a message (`POST /conversations/:id/read`): what a channel
 * needs to show "Seen" to the customer (the web chat widget does). Not a change of the
 * conversation, so it carries no sequence number and is not replayed with its events; published
 * only when the agent's read mark moves to a newer message.
 */
export const ConversationReadSchema = v.object({
  conversationId: IdSchema,
  agentId: IdSchema,
  /** The newest message (not a private note) of the conversation when the agent read it. */
  lastReadMessageId: IdSchema,
  at: v.string(),
});
