import * as v from 'valibot';
import { ContactAttributesSchema } from './message-content';
import { ConversationStatusSchema, IdSchema, IdentitySchema, LegSchema } from './model';

/**
 * A plugin asks who a contact is (plugins talk to the core over the bus only): by contact id, or
 * by a conversation, whose contact and legs come back too. Follows merges to the surviving contact.
 */
export const GetContactInputSchema = v.pipe(
  v.object({ contactId: v.optional(IdSchema), conversationId: v.optional(IdSchema) }),
  v.check((input) => Boolean(input.contactId) !== Boolean(input.conversationId), 'give exactly one of contactId and conversationId'),
);
export const GetContactOutputSchema = v.object({
  contact: v.object({
    id: IdSchema,
    name: v.nullable(v.string()),
    /** Verified identities, oldest first. */
    identities: v.array(IdentitySchema),
    /** Unverified details channels reported (`from.hints`): a typed email, a phone from a form. */
    hints: v.array(IdentitySchema),
    attributes: ContactAttributesSchema,
  }),
  /** The conversation asked about, when asked by conversation. */
  conversation: v.nullable(v.object({ id: IdSchema, status: ConversationStatusSchema, legs: v.array(LegSchema) })),
});

/**
 * A channel opens a leg of a conversation on a thread of its own — e.g. the email channel writing
 * to an address a web chat visitor typed (a hint, not an identity, so the core cannot open it from
 * identities). Only the channel itself may ask (the command's source must be the channel plugin).
 * Idempotent on (conversation, channel, account, thread): `created: false` for an existing leg.
 */
export const AddLegInputSchema = v.object({
  conversationId: IdSchema,
  channel: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'channel must be a plugin id')),
  account: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  thread: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  /** Who the leg writes to; null when the channel addresses the thread itself. */
  identity: v.nullable(IdentitySchema),
});
export const AddLegOutputSchema = v.object({ leg: LegSchema, created: v.boolean() });

/** The commands of this file, as entries of the core's command catalog. */
export const channelLegCommands = {
  'core.contact.get.v1': { input: GetContactInputSchema, output: GetContactOutputSchema },
  'core.conversation.add_leg.v1': { input: AddLegInputSchema, output: AddLegOutputSchema },
} as const;
