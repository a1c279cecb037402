import { IdSchema, LabelSetInputSchema, PrioritySchema } from '@switchboard/events';
import * as v from 'valibot';

// Request and response schemas of the agent inbox's endpoints (triage, read marks, typing,
// teams, labels, counts, capabilities, retry, merge), parsed once at the edge and documented in OpenAPI.

export const TeamBodySchema = v.object({ teamId: v.nullable(IdSchema) });
export const PriorityBodySchema = v.object({ priority: v.nullable(PrioritySchema) });
export const LabelsBodySchema = v.object({ labels: LabelSetInputSchema });
export const EmptyBodySchema = v.optional(v.object({}), {});
export const ReadResponseSchema = v.object({ conversationId: v.string(), lastReadAt: v.string(), lastReadMessageId: v.nullable(v.string()) });
export const TypingBodySchema = v.object({ typing: v.boolean() });
export const MessageParamsSchema = v.object({ id: IdSchema, messageId: IdSchema });
export const RetryResponseSchema = v.object({ messageId: v.string(), state: v.string(), changed: v.boolean() });

export const CountsSchema = v.object({ mine: v.number(), unassigned: v.number(), all: v.number(), unread: v.number() });
export const LabelsInUseSchema = v.object({ items: v.array(v.object({ label: v.string(), count: v.number() })) });

export const TeamSchema = v.object({ id: v.string(), name: v.string(), createdAt: v.string(), agentIds: v.array(v.string()) });
export const CreateTeamBodySchema = v.object({ name: v.pipe(v.string(), v.trim(), v.minLength(1, 'a team needs a name'), v.maxLength(100)) });
export const TeamMemberBodySchema = v.object({ agentId: IdSchema });
export const TeamMemberParamsSchema = v.object({ id: IdSchema, agentId: IdSchema });

export const MergeBodySchema = v.object({ otherContactId: IdSchema });
export const MergeResponseSchema = v.object({ survivorId: v.string(), mergedId: v.string(), movedConversationIds: v.array(v.string()) });

export const CapabilitiesSchema = v.object({
  core: v.object({ version: v.string() }),
  plugins: v.array(v.object({ id: v.string(), kind: v.string(), version: v.string(), state: v.string() })),
  composerActions: v.array(v.object({ plugin: v.string(), id: v.string(), label: v.string() })),
});
