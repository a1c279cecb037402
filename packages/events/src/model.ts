import * as v from 'valibot';
import { MessageContentSchema } from './message-content';

/** An entity id: a ULID for core entities, but any non-empty string up to 128 characters is accepted. */
export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** Lifecycle of a conversation. */
export const ConversationStatusSchema = v.picklist(['open', 'pending', 'snoozed', 'resolved']);
export type ConversationStatus = v.InferOutput<typeof ConversationStatusSchema>;

/** Delivery state of a message. The order matters: a state never moves back to an earlier one. */
export const DELIVERY_STATES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const DeliveryStateSchema = v.picklist(DELIVERY_STATES);
export type DeliveryState = v.InferOutput<typeof DeliveryStateSchema>;

/** Who wrote a message. */
export const SenderKindSchema = v.picklist(['contact', 'agent', 'bot', 'system']);
export type SenderKind = v.InferOutput<typeof SenderKindSchema>;

/**
 * How a contact is reached on one channel: `phone` (E.164), `email`, `messenger_psid`,
 * `telegram_chat`, `viber_user`, `web_visitor`, or a channel plugin's own type. Two identities with
 * the same type and value are the same person.
 */
export const IdentitySchema = v.object({
  type: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,63}$/, 'identity type must be lower-case letters, digits, _ or -')),
  value: v.pipe(v.string(), v.minLength(1), v.maxLength(320)),
});
export type Identity = v.InferOutput<typeof IdentitySchema>;

/** A channel thread a conversation runs over: which plugin, which of its accounts, which thread. */
export const LegSchema = v.object({
  id: IdSchema,
  channel: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/)),
  account: v.string(),
  thread: v.string(),
  identity: v.nullable(IdentitySchema),
  createdAt: v.string(),
});
export type Leg = v.InferOutput<typeof LegSchema>;

/** How urgent a conversation is; `null` in events and the API means "not set". */
export const PrioritySchema = v.picklist(['urgent', 'high', 'medium', 'low']);
export type Priority = v.InferOutput<typeof PrioritySchema>;

/** Whether an agent takes work: routing offers conversations only to `online` agents. */
export const AgentPresenceSchema = v.picklist(['online', 'away', 'offline']);
export type AgentPresence = v.InferOutput<typeof AgentPresenceSchema>;

const LABEL_PATTERN = /^[a-z0-9 _-]+$/;
const LABEL_MESSAGE = 'a label is 1–50 characters: lower-case letters, digits, space, _ or -';

/** A conversation label as stored and published: 1–50 characters of `[a-z0-9 _-]`. */
export const LabelSchema = v.pipe(v.string(), v.minLength(1, LABEL_MESSAGE), v.maxLength(50, LABEL_MESSAGE), v.regex(LABEL_PATTERN, LABEL_MESSAGE));

/**
 * A set of labels as people type them: each trimmed and lower-cased, then checked like
 * {@link LabelSchema}; duplicates collapse, order of first appearance is kept; at most 20.
 */
export const LabelSetInputSchema = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, LABEL_MESSAGE), v.maxLength(50, LABEL_MESSAGE), v.regex(LABEL_PATTERN, LABEL_MESSAGE))),
  v.transform((labels) => [...new Set(labels)]),
  v.maxLength(20, 'a conversation has at most 20 labels'),
);

/** Who did something: an agent, an integrator's API token, a plugin, or the system itself. */
export const ActorSchema = v.object({
  kind: v.picklist(['agent', 'token', 'plugin', 'system', 'contact']),
  id: v.string(),
});
export type Actor = v.InferOutput<typeof ActorSchema>;

/** A stored attachment, as messages reference it. */
export const AttachmentRefSchema = v.object({
  id: IdSchema,
  name: v.string(),
  contentType: v.string(),
  size: v.number(),
});
export type AttachmentRef = v.InferOutput<typeof AttachmentRefSchema>;

/** A provider's reason for a failed delivery, and whether retrying can help. */
export const DeliveryErrorSchema = v.object({
  code: v.string(),
  message: v.string(),
  retryable: v.boolean(),
});
export type DeliveryError = v.InferOutput<typeof DeliveryErrorSchema>;

/** A message of a conversation, inbound or outbound, or a private note. */
export const MessageSchema = v.object({
  id: IdSchema,
  conversationId: IdSchema,
  legId: v.nullable(IdSchema),
  channel: v.nullable(v.string()),
  direction: v.picklist(['inbound', 'outbound']),
  private: v.boolean(),
  sender: v.object({
    kind: SenderKindSchema,
    id: v.nullable(v.string()),
    name: v.nullable(v.string()),
  }),
  text: v.string(),
  attachments: v.array(AttachmentRefSchema),
  delivery: v.object({
    state: DeliveryStateSchema,
    error: v.nullable(DeliveryErrorSchema),
  }),
  clientMessageId: v.nullable(v.string()),
  providerMessageId: v.nullable(v.string()),
  replyToMessageId: v.nullable(v.string()),
  /** Structured parts besides text (location, shared contacts, reaction, postback, quick replies); absent when there are none. */
  content: v.optional(MessageContentSchema),
  createdAt: v.string(),
});
export type Message = v.InferOutput<typeof MessageSchema>;
