import type { CoreCommandInput, CoreCommandOutput } from '@switchboard/events';
import { asc, eq } from 'drizzle-orm';
import { contactDetails, contactIdentities, contacts, legs } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { ensureLeg } from './conversation-legs';
import { requireConversation } from './conversation-lookup';
import type { EventContext } from './event-journal';
import { toLeg } from './row-mappers';

/**
 * Who a contact is, for a plugin on the bus (`core.contact.get.v1`): name, verified identities,
 * unverified hints and attributes, following merges to the survivor; asked by conversation, also
 * that conversation's status and legs.
 *
 * @example
 * const { contact, conversation } = await getContactForPlugin(tx, { conversationId });
 */
export async function getContactForPlugin(tx: Tx, input: CoreCommandInput<'core.contact.get.v1'>): Promise<CoreCommandOutput<'core.contact.get.v1'>> {
  let contactId = input.contactId ?? '';
  let conversation: CoreCommandOutput<'core.contact.get.v1'>['conversation'] = null;
  if (input.conversationId) {
    const conv = await requireConversation(tx, input.conversationId);
    const legRows = await tx.select().from(legs).where(eq(legs.conversationId, conv.id)).orderBy(asc(legs.createdAt));
    conversation = { id: conv.id, status: conv.status, legs: legRows.map(toLeg) };
    contactId = conv.contactId;
  }
  let [row] = await tx.select().from(contacts).where(eq(contacts.id, contactId));
  // A merged contact's id keeps answering for the contact it became.
  for (let hops = 0; row?.mergedInto && hops < 16; hops++) [row] = await tx.select().from(contacts).where(eq(contacts.id, row.mergedInto));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${contactId} does not exist`, status: 404 });
  const identities = await tx
    .select({ type: contactIdentities.type, value: contactIdentities.value })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, row.id))
    .orderBy(asc(contactIdentities.createdAt));
  const hints = await tx
    .select({ type: contactDetails.type, value: contactDetails.value })
    .from(contactDetails)
    .where(eq(contactDetails.contactId, row.id))
    .orderBy(asc(contactDetails.createdAt));
  return {
    contact: { id: row.id, name: row.name, identities, hints, attributes: JSON.parse(row.attributes) as Record<string, string | number | boolean | null> },
    conversation,
  };
}

/**
 * A channel opens a leg of a conversation on a thread of its own (`core.conversation.add_leg.v1`),
 * recorded as `core.conversation.leg_added.v1`. Idempotent on (conversation, channel, account,
 * thread). Only the channel itself may open its legs.
 *
 * @example
 * const { leg } = await addChannelLeg(tx, input, 'channel-email', ctx);
 */
export async function addChannelLeg(
  tx: Tx,
  input: CoreCommandInput<'core.conversation.add_leg.v1'>,
  requester: string,
  context: EventContext,
): Promise<CoreCommandOutput<'core.conversation.add_leg.v1'>> {
  if (requester !== input.channel) {
    throw new CoreError({ code: CoreErrorCodes.FORBIDDEN, message: `${requester} may not open a leg on ${input.channel}: a channel opens legs on its own threads only`, status: 403 });
  }
  const conversation = await requireConversation(tx, input.conversationId);
  return ensureLeg(tx, conversation.id, { channel: input.channel, account: input.account, thread: input.thread, identity: input.identity }, context);
}
