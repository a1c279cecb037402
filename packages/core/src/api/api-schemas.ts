import { ConversationStatusSchema, IdSchema, LabelSchema, MessageContentSchema, MessageSchema, PrioritySchema } from '@switchboard/events';
import * as v from 'valibot';

// Request and response schemas of the REST API, parsed once at the edge and documented in OpenAPI.

export const IdParamSchema = v.object({ id: IdSchema });
export const LimitSchema = v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'limit must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50');

export const LoginBodySchema = v.object({ email: v.pipe(v.string(), v.email()), password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)) });
export const AgentSchema = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.picklist(['admin', 'agent']),
  presence: v.picklist(['online', 'away', 'offline']),
  createdAt: v.string(),
});
export const LoginResponseSchema = v.object({ token: v.string(), expiresAt: v.string(), agent: AgentSchema });
export const PresenceBodySchema = v.object({ presence: v.picklist(['online', 'away', 'offline']) });

export const ConversationListQuerySchema = v.object({
  status: v.optional(ConversationStatusSchema),
  assignee: v.optional(v.union([v.literal('me'), v.literal('unassigned'), IdSchema])),
  contactId: v.optional(IdSchema),
  channel: v.optional(v.string()),
  teamId: v.optional(IdSchema),
  label: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), LabelSchema)),
  priority: v.optional(PrioritySchema),
  /** Words in message text (prefix match, all required), or part of the contact's name or of an identity. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'q must not be empty'), v.maxLength(200))),
  /** `activity`: latest activity first; `waiting`: longest-waiting customer first, not waiting last. */
  sort: v.optional(v.picklist(['activity', 'waiting']), 'activity'),
  limit: LimitSchema,
  cursor: v.optional(v.string()),
});
export const ConversationSchema = v.object({
  id: v.string(),
  contactId: v.string(),
  status: ConversationStatusSchema,
  assigneeId: v.nullable(v.string()),
  teamId: v.nullable(v.string()),
  priority: v.nullable(v.string()),
  labels: v.array(v.string()),
  snoozedUntil: v.nullable(v.string()),
  seq: v.number(),
  lastMessageText: v.nullable(v.string()),
  lastActivityAt: v.string(),
  lastInboundAt: v.nullable(v.string()),
  waitingSince: v.nullable(v.string()),
  createdAt: v.string(),
});
export const ConversationListItemSchema = v.object({
  ...ConversationSchema.entries,
  contact: v.object({ id: v.string(), name: v.nullable(v.string()) }),
  /** Distinct channels of the conversation's legs, in the order they were opened. */
  channels: v.array(v.string()),
  /** Customer messages the calling agent has not read (0 for API tokens). */
  unreadCount: v.number(),
});
export const ConversationPageSchema = v.object({ items: v.array(ConversationListItemSchema), nextCursor: v.nullable(v.string()) });
export const MessagesQuerySchema = v.object({ limit: LimitSchema, after: v.optional(IdSchema) });
export const MessagePageSchema = v.object({ items: v.array(MessageSchema) });
export const EventsQuerySchema = v.object({
  afterSeq: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'afterSeq must be a whole number'), v.transform(Number)), '0'),
});

export const SendMessageBodySchema = v.object({
  clientMessageId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  text: v.optional(v.pipe(v.string(), v.maxLength(65_536)), ''),
  attachmentIds: v.optional(v.pipe(v.array(IdSchema), v.maxLength(20)), []),
  legId: v.optional(IdSchema),
  /** Quick replies offered with the text (buttons, keyboards, chips as the channel has them), a location or contact cards to share. */
  content: v.optional(MessageContentSchema),
});
export const SendMessageResponseSchema = v.object({ message: MessageSchema, duplicate: v.boolean() });
export const NoteBodySchema = v.object({
  clientMessageId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(65_536)),
});
export const AssignBodySchema = v.object({ agentId: v.nullable(IdSchema) });
export const StatusBodySchema = v.object({ status: ConversationStatusSchema, snoozedUntil: v.optional(v.pipe(v.string(), v.isoTimestamp())) });
export const ChangeResponseSchema = v.object({ conversationId: v.string(), seq: v.number(), changed: v.boolean() });

export const ContactSearchQuerySchema = v.object({ q: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), limit: LimitSchema });

export const CreateAgentBodySchema = v.object({
  email: v.pipe(v.string(), v.email()),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  role: v.picklist(['admin', 'agent']),
  password: v.pipe(v.string(), v.minLength(10, 'password must be at least 10 characters'), v.maxLength(1024)),
});
export const CreateTokenBodySchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  role: v.optional(v.picklist(['admin', 'integrator']), 'integrator'),
});
