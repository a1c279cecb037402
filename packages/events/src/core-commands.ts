import * as v from 'valibot';
import {
  ActorSchema,
  AttachmentRefSchema,
  ConversationStatusSchema,
  DeliveryErrorSchema,
  DeliveryStateSchema,
  IdSchema,
  IdentitySchema,
  LegSchema,
  MessageSchema,
} from './model';
import { ContactAttributesSchema, MessageContentSchema } from './message-content';
import { channelLegCommands } from './channel-leg-commands';
import { contactAttributeCommands } from './contact-attribute-commands';
import { MergeContactsInputSchema, MergeContactsOutputSchema, SetLabelsInputSchema, SetPriorityInputSchema, SetTeamInputSchema } from './inbox-commands';

const channelId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'channel must be a plugin id'));

/** A channel reports a message a customer sent. Idempotent on (channel, account, providerMessageId). */
export const RecordInboundInputSchema = v.object({
  channel: channelId,
  account: v.optional(v.pipe(v.string(), v.maxLength(128)), 'default'),
  thread: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  /**
   * What a thread the core has no open conversation for joins: `contact` (default) — the contact's
   * active conversation, as a new leg (the customer who wrote on web chat now writes on WhatsApp);
   * `new` — a conversation of its own (a new email topic is a new case).
   */
  newThread: v.optional(v.picklist(['contact', 'new']), 'contact'),
  from: v.object({
    identity: IdentitySchema,
    name: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(256)))),
    /**
     * More identities the channel has verified belong to the sender: the phone number behind a
     * WhatsApp `wa_id`, a Telegram contact the user shared of themself, the user id and email a
     * site signed for its web chat visitor. The core links them to the same contact (merging two
     * contacts when each already had one, with a `core.contact.merged.v1` event).
     */
    verified: v.optional(v.pipe(v.array(IdentitySchema), v.maxLength(10)), []),
    /** Unverified details (an email typed into a form, a shared contact card): shown to agents as merge suggestions, never linked. */
    hints: v.optional(v.pipe(v.array(IdentitySchema), v.maxLength(10)), []),
    /** Attributes to set on the contact (merged over the existing ones; `null` removes one). */
    attributes: v.optional(ContactAttributesSchema),
  }),
  providerMessageId: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  text: v.optional(v.pipe(v.string(), v.maxLength(65_536)), ''),
  attachmentIds: v.optional(v.array(IdSchema), []),
  replyToProviderMessageId: v.optional(v.nullable(v.string())),
  /** Location, shared contacts, reaction (to `replyToProviderMessageId`) or the postback of a tapped button. */
  content: v.optional(MessageContentSchema),
  raw: v.optional(v.unknown()),
});
export const RecordInboundOutputSchema = v.object({
  messageId: IdSchema,
  conversationId: IdSchema,
  contactId: IdSchema,
  duplicate: v.boolean(),
});

/** A channel reports what happened to an outbound message. States only move forward. */
export const UpdateDeliveryInputSchema = v.object({
  channel: channelId,
  messageId: v.optional(IdSchema),
  providerMessageId: v.optional(v.string()),
  state: DeliveryStateSchema,
  error: v.optional(v.nullable(DeliveryErrorSchema)),
});
export const UpdateDeliveryOutputSchema = v.object({
  messageId: IdSchema,
  state: DeliveryStateSchema,
  changed: v.boolean(),
});

/** An agent or bot sends a message. Idempotent on (conversationId, clientMessageId). */
export const SendMessageInputSchema = v.object({
  conversationId: IdSchema,
  clientMessageId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  text: v.optional(v.pipe(v.string(), v.maxLength(65_536)), ''),
  attachmentIds: v.optional(v.array(IdSchema), []),
  legId: v.optional(v.nullable(IdSchema)),
  sender: v.object({ kind: v.picklist(['agent', 'bot']), id: v.string(), name: v.optional(v.nullable(v.string())) }),
  /** Quick replies (buttons) offered with the message, or a location to share. */
  content: v.optional(MessageContentSchema),
});
export const SendMessageOutputSchema = v.object({ message: MessageSchema, duplicate: v.boolean() });

export const AssignInputSchema = v.object({
  conversationId: IdSchema,
  agentId: v.nullable(IdSchema),
  actor: ActorSchema,
});
export const ChangeStatusInputSchema = v.object({
  conversationId: IdSchema,
  status: ConversationStatusSchema,
  snoozedUntil: v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp()))),
  actor: ActorSchema,
});
export const ConversationChangeOutputSchema = v.object({ conversationId: IdSchema, seq: v.number(), changed: v.boolean() });

export const AddNoteInputSchema = v.object({
  conversationId: IdSchema,
  clientMessageId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(65_536)),
  author: v.object({ kind: v.picklist(['agent', 'bot']), id: v.string(), name: v.optional(v.nullable(v.string())) }),
});
export const AddNoteOutputSchema = v.object({ note: MessageSchema, duplicate: v.boolean() });

/**
 * What the core asks a channel plugin to deliver (`<channel>.message.deliver.v1`). Attachments
 * come with a short-lived download URL the plugin may hand to the provider or fetch itself.
 */
export const DeliverInputSchema = v.object({
  message: MessageSchema,
  leg: LegSchema,
  attachments: v.array(v.object({ ...AttachmentRefSchema.entries, url: v.string() })),
  attempt: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export const DeliverOutputSchema = v.object({
  providerMessageId: v.nullable(v.string()),
  state: v.optional(v.picklist(['sent', 'delivered']), 'sent'),
});

/**
 * One account of a channel: a phone number, a bot, a page, a widget. `identityType` is the kind of
 * contact identity it can write to (`phone`, `telegram_chat`…), so the core can open a new leg of
 * a conversation on it for a contact who has such an identity (thread = the identity's value).
 * `replyWindowHours`: how long after the customer's last message an agent may write freely.
 */
export const ChannelAccountSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  identityType: v.nullable(IdentitySchema.entries.type),
  replyWindowHours: v.nullable(v.pipe(v.number(), v.minValue(0))),
});
export type ChannelAccount = v.InferOutput<typeof ChannelAccountSchema>;
export const DescribeChannelInputSchema = v.object({});
export const DescribeChannelOutputSchema = v.object({ accounts: v.array(ChannelAccountSchema) });

/** A command's input and output schemas. */
export type CommandContract = { input: v.GenericSchema; output: v.GenericSchema };

/** The core's command catalog: name → input and output schema. */
export const coreCommands = {
  'core.message.record_inbound.v1': { input: RecordInboundInputSchema, output: RecordInboundOutputSchema },
  'core.message.update_delivery.v1': { input: UpdateDeliveryInputSchema, output: UpdateDeliveryOutputSchema },
  'core.message.send.v1': { input: SendMessageInputSchema, output: SendMessageOutputSchema },
  'core.conversation.assign.v1': { input: AssignInputSchema, output: ConversationChangeOutputSchema },
  'core.conversation.change_status.v1': { input: ChangeStatusInputSchema, output: ConversationChangeOutputSchema },
  'core.conversation.add_note.v1': { input: AddNoteInputSchema, output: AddNoteOutputSchema },
  'core.conversation.set_team.v1': { input: SetTeamInputSchema, output: ConversationChangeOutputSchema },
  'core.conversation.set_priority.v1': { input: SetPriorityInputSchema, output: ConversationChangeOutputSchema },
  'core.conversation.set_labels.v1': { input: SetLabelsInputSchema, output: ConversationChangeOutputSchema },
  'core.contact.merge.v1': { input: MergeContactsInputSchema, output: MergeContactsOutputSchema },
  ...channelLegCommands,
  ...contactAttributeCommands,
} as const satisfies Record<string, CommandContract>;

/** The contract every channel plugin's describe command follows (see `describeChannelCommandName`). */
export const describeChannelCommand = { input: DescribeChannelInputSchema, output: DescribeChannelOutputSchema } as const satisfies CommandContract;

/** The contract every channel plugin's deliver command follows. */
export const deliverCommand = { input: DeliverInputSchema, output: DeliverOutputSchema } as const satisfies CommandContract;

export type CoreCommandName = keyof typeof coreCommands;
export type CoreCommandInput<N extends CoreCommandName> = v.InferInput<(typeof coreCommands)[N]['input']>;
export type CoreCommandOutput<N extends CoreCommandName> = v.InferOutput<(typeof coreCommands)[N]['output']>;
export type DeliverInput = v.InferOutput<typeof DeliverInputSchema>;
export type DeliverOutput = v.InferInput<typeof DeliverOutputSchema>;
