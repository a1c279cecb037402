import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { hotStatement, statementBuilder } from '../db/prepared-statement';
import { contactIdentities, contacts, conversations, legs, messages } from '../db/schema';

// The statements every inbound message runs, built once (see hotStatement). The rarer paths —
// new contacts, new conversations, reopening — keep building theirs per call.

const p = sql.placeholder;
/** A placeholder where drizzle's `set()` wants SQL. */
const value = (name: string) => sql`${p(name)}`;

/** The message already recorded under an inbound key (a provider's retry). */
export const messageByInboundKey = hotStatement(
  statementBuilder
  .select({ id: messages.id, conversationId: messages.conversationId })
  .from(messages)
  .where(eq(messages.inboundKey, p('inboundKey')))
  .prepare(),
);

/** An identity's contact and where that contact was merged into, in one round trip. */
export const contactByIdentity = hotStatement(
  statementBuilder
  .select({ contactId: contactIdentities.contactId, mergedInto: contacts.mergedInto })
  .from(contactIdentities)
  .leftJoin(contacts, eq(contacts.id, contactIdentities.contactId))
  .where(and(eq(contactIdentities.type, p('type')), eq(contactIdentities.value, p('value'))))
  .prepare(),
);

/** The newest leg over a channel thread whose conversation is not resolved, with its status and wait clock. */
export const openLegOfThread = hotStatement(
  statementBuilder
  .select({ leg: legs, status: conversations.status, waitingSince: conversations.waitingSince })
  .from(legs)
  .innerJoin(conversations, eq(conversations.id, legs.conversationId))
  .where(and(eq(legs.channel, p('channel')), eq(legs.account, p('account')), eq(legs.thread, p('thread')), ne(conversations.status, 'resolved')))
  .orderBy(desc(legs.createdAt))
  .limit(1)
  .prepare(),
);

/** Inserts a message row; every column is a placeholder of the same name. */
export const insertMessage = hotStatement(
  statementBuilder
  .insert(messages)
  .values({
    id: p('id'),
    conversationId: p('conversationId'),
    legId: p('legId'),
    channel: p('channel'),
    direction: p('direction'),
    private: p('private'),
    senderKind: p('senderKind'),
    senderId: p('senderId'),
    senderName: p('senderName'),
    text: p('text'),
    attachments: p('attachments'),
    deliveryState: p('deliveryState'),
    deliveryError: p('deliveryError'),
    clientMessageId: p('clientMessageId'),
    providerMessageId: p('providerMessageId'),
    inboundKey: p('inboundKey'),
    replyToMessageId: p('replyToMessageId'),
    content: p('content'),
    raw: p('raw'),
    createdAt: p('createdAt'),
    updatedAt: p('updatedAt'),
  })
  .prepare(),
);

/**
 * A customer message's change of its conversation, with the next sequence number (see nextSeq):
 * activity clocks and preview; `waiting_since` only where the wait clock is not running yet, so
 * the two indexes over it are left alone while a customer keeps writing.
 */
const conversationOnInboundSet = {
  seq: sql`${conversations.seq} + 1`,
  updatedAt: value('now'),
  lastActivityAt: value('now'),
  lastInboundAt: value('now'),
  lastMessageText: value('preview'),
};

/** {@link conversationOnInboundSet} for a conversation whose wait clock does not run: it starts now. */
export const conversationOnInboundStartWaiting = hotStatement(
  statementBuilder
  .update(conversations)
  .set({ ...conversationOnInboundSet, waitingSince: value('now') })
  .where(eq(conversations.id, p('conversationId')))
  .returning({ seq: conversations.seq })
  .prepare(),
);

/** {@link conversationOnInboundSet} for a conversation already waiting for an answer. */
export const conversationOnInboundStillWaiting = hotStatement(
  statementBuilder
  .update(conversations)
  .set(conversationOnInboundSet)
  .where(eq(conversations.id, p('conversationId')))
  .returning({ seq: conversations.seq })
  .prepare(),
);
