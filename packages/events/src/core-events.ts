import * as v from 'valibot';
import {
  ActorSchema,
  ConversationStatusSchema,
  DeliveryErrorSchema,
  DeliveryStateSchema,
  IdSchema,
  IdentitySchema,
  LegSchema,
  MessageSchema,
} from './model';
import { ContactUpdatedSchema } from './contact-attribute-commands';
import {
  AgentPresenceChangedSchema,
  ConversationLabelsChangedSchema,
  ConversationPriorityChangedSchema,
  ConversationReadSchema,
  ConversationTeamChangedSchema,
  TeamCreatedSchema,
  TeamMemberAddedSchema,
  TeamMemberRemovedSchema,
} from './inbox-events';

/** Every conversation event carries the conversation id and its sequence number after the change. */
const conversationFact = { conversationId: IdSchema, seq: v.pipe(v.number(), v.integer(), v.minValue(1)) };

export const ContactCreatedSchema = v.object({
  contactId: IdSchema,
  name: v.nullable(v.string()),
  identities: v.array(IdentitySchema),
});
export const ContactIdentityLinkedSchema = v.object({
  contactId: IdSchema,
  identity: IdentitySchema,
  evidence: v.string(),
});
export const ContactMergedSchema = v.object({
  survivorId: IdSchema,
  mergedId: IdSchema,
  movedConversationIds: v.array(IdSchema),
  actor: ActorSchema,
});
export const ConversationOpenedSchema = v.object({
  ...conversationFact,
  contactId: IdSchema,
  status: ConversationStatusSchema,
  leg: LegSchema,
});
export const ConversationLegAddedSchema = v.object({ ...conversationFact, leg: LegSchema });
export const ConversationStatusChangedSchema = v.object({
  ...conversationFact,
  from: ConversationStatusSchema,
  to: ConversationStatusSchema,
  snoozedUntil: v.nullable(v.string()),
  actor: ActorSchema,
});
export const ConversationAssignedSchema = v.object({
  ...conversationFact,
  agentId: IdSchema,
  previousAgentId: v.nullable(IdSchema),
  actor: ActorSchema,
});
export const ConversationUnassignedSchema = v.object({
  ...conversationFact,
  previousAgentId: IdSchema,
  actor: ActorSchema,
});
export const MessageReceivedSchema = v.object({ ...conversationFact, message: MessageSchema });
export const MessageSentSchema = v.object({ ...conversationFact, message: MessageSchema });
export const NoteAddedSchema = v.object({ ...conversationFact, note: MessageSchema });
export const MessageDeliveryUpdatedSchema = v.object({
  ...conversationFact,
  messageId: IdSchema,
  previousState: DeliveryStateSchema,
  state: DeliveryStateSchema,
  providerMessageId: v.nullable(v.string()),
  error: v.nullable(DeliveryErrorSchema),
});

/**
 * The core's event catalog: type name → schema of `data`. Type names follow
 * `<owner>.<entity>.<fact>.v<major>`; a breaking change is a new major, never an edit here.
 */
export const coreEvents = {
  'core.contact.created.v1': ContactCreatedSchema,
  'core.contact.identity_linked.v1': ContactIdentityLinkedSchema,
  'core.contact.merged.v1': ContactMergedSchema,
  'core.contact.updated.v1': ContactUpdatedSchema,
  'core.conversation.opened.v1': ConversationOpenedSchema,
  'core.conversation.leg_added.v1': ConversationLegAddedSchema,
  'core.conversation.status_changed.v1': ConversationStatusChangedSchema,
  'core.conversation.assigned.v1': ConversationAssignedSchema,
  'core.conversation.unassigned.v1': ConversationUnassignedSchema,
  'core.conversation.team_changed.v1': ConversationTeamChangedSchema,
  'core.conversation.priority_changed.v1': ConversationPriorityChangedSchema,
  'core.conversation.labels_changed.v1': ConversationLabelsChangedSchema,
  'core.conversation.read.v1': ConversationReadSchema,
  'core.message.received.v1': MessageReceivedSchema,
  'core.message.sent.v1': MessageSentSchema,
  'core.message.delivery_updated.v1': MessageDeliveryUpdatedSchema,
  'core.note.added.v1': NoteAddedSchema,
  'core.agent.presence_changed.v1': AgentPresenceChangedSchema,
  'core.team.created.v1': TeamCreatedSchema,
  'core.team.member_added.v1': TeamMemberAddedSchema,
  'core.team.member_removed.v1': TeamMemberRemovedSchema,
} as const;

export type CoreEventType = keyof typeof coreEvents;
/** The `data` of a core event type. */
export type CoreEventData<T extends CoreEventType> = v.InferOutput<(typeof coreEvents)[T]>;
