import { messagePreview, newId, type CoreCommandOutput, type SendMessageInputSchema, type AddNoteInputSchema } from '@switchboard/events';
import { and, desc, eq, sql } from 'drizzle-orm';
import type * as v from 'valibot';
import { conversations, legs, messages } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { loadAttachmentRefs } from './attachment-refs';
import { requireConversation } from './conversation-lookup';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';
import { contentColumn } from './message-content-column';
import { toMessage } from './row-mappers';

type SendMessageInput = v.InferOutput<typeof SendMessageInputSchema>;
type AddNoteInput = v.InferOutput<typeof AddNoteInputSchema>;

/**
 * Stores an agent's or bot's reply as `queued` and records `core.message.sent.v1`; the outbound
 * dispatcher then asks the leg's channel to deliver it. Idempotent on (conversation, client
 * message id): a resend after a lost response returns the first message and sends nothing twice.
 * The reply goes out on the given leg, else on the leg the customer wrote on last.
 *
 * @example
 * const { message } = await queue.write((tx) => sendMessage(tx, input, ctx));
 */
export async function sendMessage(tx: Tx, input: SendMessageInput, context: EventContext): Promise<CoreCommandOutput<'core.message.send.v1'>> {
  const duplicate = await findByClientId(tx, input.conversationId, input.clientMessageId);
  if (duplicate) return { message: duplicate, duplicate: true };
  await requireConversation(tx, input.conversationId);
  const now = new Date().toISOString();
  let leg: typeof legs.$inferSelect | undefined;
  if (input.legId) {
    [leg] = await tx.select().from(legs).where(and(eq(legs.id, input.legId), eq(legs.conversationId, input.conversationId)));
    if (!leg) throw new CoreError({ code: CoreErrorCodes.NO_LEG, message: `leg ${input.legId} is not part of conversation ${input.conversationId}`, status: 422 });
  } else {
    [leg] = await tx
      .select()
      .from(legs)
      .where(eq(legs.conversationId, input.conversationId))
      .orderBy(sql`${legs.lastInboundAt} IS NULL`, desc(legs.lastInboundAt), desc(legs.createdAt))
      .limit(1);
    if (!leg) throw new CoreError({ code: CoreErrorCodes.NO_LEG, message: `conversation ${input.conversationId} has no channel to reply on`, status: 422 });
  }
  const attachments = await loadAttachmentRefs(tx, input.attachmentIds);
  checkOutboundContent(input, attachments.length);
  const [row] = await tx
    .insert(messages)
    .values({
      id: newId(),
      conversationId: input.conversationId,
      legId: leg.id,
      channel: leg.channel,
      direction: 'outbound',
      private: false,
      senderKind: input.sender.kind,
      senderId: input.sender.id,
      senderName: input.sender.name ?? null,
      text: input.text,
      attachments: JSON.stringify(attachments),
      deliveryState: 'queued',
      clientMessageId: input.clientMessageId,
      content: contentColumn(input.content),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const message = toMessage(row!);
  const seq = await nextSeq(tx, input.conversationId, now);
  await tx
    .update(conversations)
    .set({ lastActivityAt: now, waitingSince: null, lastMessageText: messagePreview(input.text, attachments.length, input.content) })
    .where(eq(conversations.id, input.conversationId));
  await appendEvent(tx, 'core.message.sent.v1', { conversationId: input.conversationId, seq, message }, { ...context, subject: message.id });
  return { message, duplicate: false };
}

/**
 * Adds a private note: visible to agents, never sent to the customer.
 *
 * @example
 * await queue.write((tx) => addNote(tx, { conversationId, text: 'VIP', author: { kind: 'agent', id } }, ctx));
 */
export async function addNote(tx: Tx, input: AddNoteInput, context: EventContext): Promise<CoreCommandOutput<'core.conversation.add_note.v1'>> {
  if (input.clientMessageId) {
    const duplicate = await findByClientId(tx, input.conversationId, input.clientMessageId);
    if (duplicate) return { note: duplicate, duplicate: true };
  }
  await requireConversation(tx, input.conversationId);
  const now = new Date().toISOString();
  const [row] = await tx
    .insert(messages)
    .values({
      id: newId(),
      conversationId: input.conversationId,
      direction: 'outbound',
      private: true,
      senderKind: input.author.kind,
      senderId: input.author.id,
      senderName: input.author.name ?? null,
      text: input.text,
      deliveryState: 'delivered',
      clientMessageId: input.clientMessageId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const note = toMessage(row!);
  const seq = await nextSeq(tx, input.conversationId, now);
  await tx.update(conversations).set({ lastActivityAt: now }).where(eq(conversations.id, input.conversationId));
  await appendEvent(tx, 'core.note.added.v1', { conversationId: input.conversationId, seq, note }, { ...context, subject: note.id });
  return { note, duplicate: false };
}

/**
 * What an agent's or bot's message may carry: text, files, a location or contact cards to share,
 * and quick replies offered with text. Reactions and postbacks are what customers send.
 */
function checkOutboundContent(input: SendMessageInput, attachmentCount: number): void {
  const content = input.content ?? {};
  const refuse = (message: string) => {
    throw new CoreError({ code: CoreErrorCodes.VALIDATION, message, status: 422 });
  };
  if (content.reaction || content.postback) refuse('an outbound message cannot carry a reaction or a postback (those come from customers); send text, files, a location, contacts or quick replies');
  const shares = Boolean(content.location) || (content.contacts?.length ?? 0) > 0;
  if (!input.text && attachmentCount === 0 && !shares) refuse('a message needs text, at least one attachment, a location or a contact card');
  if ((content.quickReplies?.length ?? 0) > 0 && !input.text) refuse('quick replies need text: the question the buttons answer');
}

async function findByClientId(tx: Tx, conversationId: string, clientMessageId: string) {
  const [row] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)));
  return row ? toMessage(row) : null;
}
