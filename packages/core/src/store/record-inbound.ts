import { messagePreview, newId, type CoreCommandOutput, type Identity, type Leg, type RecordInboundInputSchema } from '@switchboard/events';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type * as v from 'valibot';
import { conversations, legs, messages } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { loadAttachmentRefs } from './attachment-refs';
import { resolveContact } from './contact-resolve';
import { applySenderFacts, normaliseSender } from './contact-sender-facts';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';
import { conversationOnInboundStartWaiting, conversationOnInboundStillWaiting, insertMessage, messageByInboundKey, openLegOfThread } from './record-inbound-statements';
import { contentColumn } from './message-content-column';
import { toLeg, toMessage } from './row-mappers';

type RecordInboundInput = v.InferOutput<typeof RecordInboundInputSchema>;

/**
 * Records a message a customer sent through a channel. Idempotent on (channel, account, provider
 * message id): a provider's retry returns the first result with `duplicate: true` and stores nothing.
 *
 * Which conversation it joins: the one already running over this channel thread; otherwise the
 * contact's active conversation, which gains a leg on this channel (one conversation, many legs);
 * otherwise a new conversation. Pending or snoozed conversations reopen on a customer message.
 *
 * Who wrote: identities are normalised (phone numbers in E.164, emails lower-cased); identities
 * the channel verified are linked to the sender's contact, merging it with another contact that
 * already had one (the older survives, and the conversation moves with it); hints become
 * unverified details; attributes are merged in — all in the message's transaction.
 *
 * @example
 * const result = await queue.write((tx) => recordInbound(tx, input, { correlationId }));
 */
export async function recordInbound(tx: Tx, input: RecordInboundInput, context: EventContext): Promise<CoreCommandOutput<'core.message.record_inbound.v1'>> {
  const inboundKey = `${input.channel}\u001f${input.account}\u001f${input.providerMessageId}`;
  const [existing] = await messageByInboundKey.all(tx, { inboundKey });
  if (existing) {
    const [conv] = await tx.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, existing.conversationId));
    return { messageId: existing.id, conversationId: existing.conversationId, contactId: conv?.contactId ?? '', duplicate: true };
  }

  const now = new Date().toISOString();
  const sender = normaliseSender(input.from);
  const attachments = await loadAttachmentRefs(tx, input.attachmentIds);
  const { contactId: senderId } = await resolveContact(tx, sender.identity, input.from.name ?? null, input.channel, now, context);
  const { conversationId, leg, status, waiting } = await findOrOpenConversation(tx, input, sender.identity, senderId, now, context);
  // After the conversation is found: a merge that a verified identity proves carries it along to
  // the surviving contact, beside the contact's other conversations.
  const contactId = await applySenderFacts(tx, senderId, sender, input.from.attributes, input.channel, now, context);

  let replyToMessageId: string | null = null;
  if (input.replyToProviderMessageId) {
    const [target] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channel, input.channel), eq(messages.providerMessageId, input.replyToProviderMessageId)));
    replyToMessageId = target?.id ?? null;
  }

  if (status === 'pending' || status === 'snoozed') {
    const seq = await nextSeq(tx, conversationId, now, { status: 'open', snoozedUntil: null });
    await appendEvent(
      tx,
      'core.conversation.status_changed.v1',
      { conversationId, seq, from: status, to: 'open', snoozedUntil: null, actor: { kind: 'contact', id: contactId } },
      { ...context, subject: conversationId },
    );
  }

  // Every column is given here, so the row the event carries is built rather than read back.
  const row: typeof messages.$inferSelect = {
    id: newId(),
    conversationId,
    legId: leg.id,
    channel: input.channel,
    direction: 'inbound',
    private: false,
    senderKind: 'contact',
    senderId: contactId,
    senderName: input.from.name ?? null,
    text: input.text,
    attachments: JSON.stringify(attachments),
    deliveryState: 'delivered',
    deliveryError: null,
    clientMessageId: null,
    providerMessageId: input.providerMessageId,
    inboundKey,
    replyToMessageId,
    content: contentColumn(input.content),
    raw: input.raw === undefined ? null : JSON.stringify(input.raw),
    createdAt: now,
    updatedAt: now,
  };
  // The leg's inbound clock follows in SQLite (trigger legs_inbound_clock).
  await insertMessage.run(tx, row);
  const onInbound = waiting ? conversationOnInboundStillWaiting : conversationOnInboundStartWaiting;
  const [changed] = await onInbound.all(tx, { conversationId, now, preview: messagePreview(input.text, attachments.length, input.content) });
  if (!changed) throw new Error(`conversation ${conversationId} vanished inside its own transaction`);
  const seq = changed.seq;
  await appendEvent(tx, 'core.message.received.v1', { conversationId, seq, message: toMessage(row) }, { ...context, subject: row.id });
  return { messageId: row.id, conversationId, contactId, duplicate: false };
}

/** The conversation a message joins, its leg, and the conversation's status and wait clock before the message. */
type Joined = { conversationId: string; leg: Leg; status: ConversationStatus; waiting: boolean };
type ConversationStatus = (typeof conversations.$inferSelect)['status'];

async function findOrOpenConversation(
  tx: Tx,
  input: RecordInboundInput,
  identity: Identity,
  contactId: string,
  now: string,
  context: EventContext,
): Promise<Joined> {
  const [current] = await openLegOfThread.all(tx, { channel: input.channel, account: input.account, thread: input.thread });
  if (current) return { conversationId: current.leg.conversationId, leg: toLeg(current.leg), status: current.status, waiting: current.waitingSince !== null };

  const legRow = {
    id: newId(),
    channel: input.channel,
    account: input.account,
    thread: input.thread,
    identityType: identity.type,
    identityValue: identity.value,
    createdAt: now,
  };
  const [active] =
    input.newThread === 'new'
      ? []
      : await tx
          .select({ id: conversations.id, status: conversations.status, waitingSince: conversations.waitingSince })
          .from(conversations)
          .where(and(eq(conversations.contactId, contactId), inArray(conversations.status, ['open', 'pending', 'snoozed'])))
          .orderBy(desc(conversations.lastActivityAt))
          .limit(1);
  if (active) {
    const [row] = await tx.insert(legs).values({ ...legRow, conversationId: active.id }).returning();
    const leg = toLeg(row!);
    const seq = await nextSeq(tx, active.id, now);
    await appendEvent(tx, 'core.conversation.leg_added.v1', { conversationId: active.id, seq, leg }, { ...context, subject: active.id });
    return { conversationId: active.id, leg, status: active.status, waiting: active.waitingSince !== null };
  }

  const conversationId = newId();
  await tx.insert(conversations).values({ id: conversationId, contactId, status: 'open', lastActivityAt: now, createdAt: now, updatedAt: now });
  const [row] = await tx.insert(legs).values({ ...legRow, conversationId }).returning();
  const leg = toLeg(row!);
  const seq = await nextSeq(tx, conversationId, now);
  await appendEvent(tx, 'core.conversation.opened.v1', { conversationId, seq, contactId, status: 'open', leg }, { ...context, subject: conversationId });
  return { conversationId, leg, status: 'open', waiting: false };
}
