import * as v from 'valibot';

// What the chat server answers (plugins/channel-webchat/PROTOCOL.md, version 1), parsed once
// where it enters the widget. Objects keep unknown keys out and let new ones through unharmed:
// the protocol only grows.

const nullableString = v.optional(v.nullable(v.string()), null);

/** A proactive invitation rule (§3.1). */
export const ProactiveRuleSchema = v.object({
  id: v.string(),
  message: v.string(),
  url_pattern: nullableString,
  after_seconds: v.optional(v.nullable(v.number()), null),
  returning_visitor: v.optional(v.nullable(v.boolean()), null),
});

const FieldModeSchema = v.optional(v.picklist(['off', 'optional', 'required']), 'off');

/** The public widget config (§3.1 `widget`). */
export const WidgetConfigSchema = v.object({
  site_key: v.string(),
  name: v.optional(v.string(), ''),
  locale: v.optional(v.string(), 'en'),
  colors: v.optional(v.object({ primary: v.optional(v.string(), '#1f6feb'), on_primary: nullableString }), { primary: '#1f6feb', on_primary: null }),
  position: v.optional(v.picklist(['bottom-right', 'bottom-left']), 'bottom-right'),
  launcher_text: nullableString,
  greeting: nullableString,
  offline_greeting: nullableString,
  pre_chat: v.optional(
    v.object({
      mode: FieldModeSchema,
      fields: v.optional(v.object({ name: FieldModeSchema, email: FieldModeSchema, consent: FieldModeSchema }), { name: 'off', email: 'off', consent: 'off' }),
      consent_text: nullableString,
    }),
    { mode: 'off', fields: { name: 'off', email: 'off', consent: 'off' }, consent_text: null },
  ),
  proactive: v.optional(v.array(ProactiveRuleSchema), []),
  csat: v.optional(v.object({ enabled: v.boolean() }), { enabled: false }),
  attachments: v.optional(v.object({ enabled: v.boolean(), max_bytes: v.number(), types: v.array(v.string()) }), { enabled: false, max_bytes: 0, types: [] }),
  notifications: v.optional(v.object({ sound: v.optional(v.boolean(), true), browser: v.optional(v.boolean(), false) }), { sound: true, browser: false }),
});
export type WidgetConfig = v.InferOutput<typeof WidgetConfigSchema>;

/** Business hours right now (§3.1 `availability`). */
export const AvailabilitySchema = v.object({
  online: v.boolean(),
  next_open_at: nullableString,
  expected_reply_minutes: v.optional(v.nullable(v.number()), null),
  timezone: nullableString,
});
export type Availability = v.InferOutput<typeof AvailabilitySchema>;

/** `GET /v1/widgets/{site_key}`. */
export const WidgetResponseSchema = v.object({ widget: WidgetConfigSchema, availability: AvailabilitySchema });

const ConversationRefSchema = v.nullable(v.object({ id: v.string(), status: v.string() }));
const CsatStateSchema = v.optional(v.object({ pending: v.nullable(v.object({ conversation_id: v.string() })) }), { pending: null });

/** A stored attachment with its signed, expiring URL (§3.5). */
export const AttachmentSchema = v.object({ id: v.string(), name: v.string(), content_type: v.string(), size: v.number(), url: v.string() });
export type Attachment = v.InferOutput<typeof AttachmentSchema>;

/** A message as history, acks and the stream carry it (§3.5). */
export const ServerMessageSchema = v.object({
  seq: v.number(),
  id: v.string(),
  conversation_id: v.string(),
  author: v.picklist(['visitor', 'agent', 'bot', 'system']),
  sender: v.optional(v.object({ kind: v.optional(v.string(), ''), name: nullableString }), { kind: '', name: null }),
  text: v.optional(v.string(), ''),
  echo_id: nullableString,
  attachments: v.optional(v.array(AttachmentSchema), []),
  quick_replies: v.optional(v.nullable(v.array(v.object({ title: v.string(), payload: v.string() }))), null),
  status: v.optional(v.string(), 'sent'),
  created_at: v.string(),
});
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

const UserSchema = v.nullable(v.object({ external_id: nullableString, name: nullableString, email: nullableString, email_verified: v.optional(v.boolean(), false) }));

/** `POST /v1/sessions` (§3.2). */
export const SessionResponseSchema = v.object({
  session_token: v.string(),
  visitor_id: v.string(),
  returning: v.optional(v.boolean(), false),
  verified: v.optional(v.boolean(), false),
  user: v.optional(UserSchema, null),
  conversation: v.optional(ConversationRefSchema, null),
  last_seq: v.optional(v.number(), 0),
  read_up_to_seq: v.optional(v.number(), 0),
  agent_read_up_to_seq: v.optional(v.number(), 0),
  unread: v.optional(v.number(), 0),
  pre_chat: v.optional(v.object({ mode: FieldModeSchema, completed: v.boolean() }), { mode: 'off', completed: true }),
  csat: CsatStateSchema,
  stream_url: v.string(),
  widget: WidgetConfigSchema,
  availability: AvailabilitySchema,
});
export type SessionResponse = v.InferOutput<typeof SessionResponseSchema>;

/** `GET /v1/messages` (§3.5). */
export const HistoryResponseSchema = v.object({
  messages: v.array(ServerMessageSchema),
  has_more: v.optional(v.boolean(), false),
  agent_read_up_to_seq: v.optional(v.number(), 0),
  conversation: v.optional(ConversationRefSchema, null),
});
export type HistoryResponse = v.InferOutput<typeof HistoryResponseSchema>;

/** `POST /v1/messages` (§3.5). */
export const SendResponseSchema = v.object({ echo_id: v.string(), duplicate: v.optional(v.boolean(), false), message: ServerMessageSchema });

/** `POST /v1/uploads` (§3.6). */
export const UploadResponseSchema = v.object({ attachment: AttachmentSchema });

/** `POST /v1/profile` (§3.4). */
export const ProfileResponseSchema = v.object({ pre_chat: v.object({ mode: FieldModeSchema, completed: v.boolean() }), user: v.optional(UserSchema, null) });

/** Events of `GET /v1/stream` (§4), by `event:` name. */
export const StreamEventSchemas = {
  ready: v.object({ last_seq: v.optional(v.number(), 0), conversation: v.optional(ConversationRefSchema, null), agent_read_up_to_seq: v.optional(v.number(), 0), csat: CsatStateSchema }),
  message: ServerMessageSchema,
  typing: v.object({ typing: v.boolean(), actor: v.optional(v.object({ kind: v.optional(v.string(), 'agent'), name: nullableString }), { kind: 'agent', name: null }) }),
  read: v.object({ agent_read_up_to_seq: v.number() }),
  'conversation.status': v.object({ conversation_id: v.string(), status: v.string() }),
  'csat.requested': v.object({ conversation_id: v.string() }),
  ping: v.object({ last_seq: v.number() }),
} as const;

/** An RFC 9457 problem as the server sends it (§2). */
export const ProblemSchema = v.object({ code: v.optional(v.string(), ''), detail: v.optional(v.string(), ''), status: v.optional(v.number(), 0) });
