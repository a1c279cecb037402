import type { CoreCommandOutput, DeliveryState, UpdateDeliveryInputSchema } from '@switchboard/events';
import { and, eq } from 'drizzle-orm';
import type * as v from 'valibot';
import { messages } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { nextSeq } from './conversation-seq';
import { appendEvent, type EventContext } from './event-journal';

type UpdateDeliveryInput = v.InferOutput<typeof UpdateDeliveryInputSchema>;

const RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1 };

/**
 * Whether a delivery state may replace another. States only move forward: a late "delivered"
 * never overrides "read"; "failed" can only replace "queued" or "sent"; a failed message can be
 * re-queued (an agent's retry) and then moves forward again. After "failed", only the provider's
 * own later evidence of delivery ("delivered", "read") counts — not "sent", which may be the
 * dispatcher's acknowledgement arriving after the provider's failure callback.
 *
 * @example
 * canTransition('read', 'delivered'); // false
 */
export function canTransition(from: DeliveryState, to: DeliveryState): boolean {
  if (from === to) return false;
  if (from === 'failed') return to === 'queued' || to === 'delivered' || to === 'read';
  if (to === 'failed') return from === 'queued' || from === 'sent';
  if (to === 'queued') return false;
  return RANK[to] > RANK[from];
}

/**
 * Applies a channel's delivery report to an outbound message, monotonically.
 *
 * @example
 * await queue.write((tx) => updateDelivery(tx, { channel: 'channel-api', providerMessageId: 'x1', state: 'read' }, ctx));
 */
export async function updateDelivery(tx: Tx, input: UpdateDeliveryInput, context: EventContext): Promise<CoreCommandOutput<'core.message.update_delivery.v1'>> {
  if (!input.messageId && !input.providerMessageId) {
    throw new CoreError({ code: CoreErrorCodes.VALIDATION, message: 'a delivery report needs messageId or providerMessageId', status: 422 });
  }
  const where = input.messageId
    ? eq(messages.id, input.messageId)
    : and(eq(messages.channel, input.channel), eq(messages.providerMessageId, input.providerMessageId!), eq(messages.direction, 'outbound'));
  const [row] = await tx.select().from(messages).where(where);
  if (!row || row.direction !== 'outbound' || row.private) {
    throw new CoreError({
      code: CoreErrorCodes.MESSAGE_NOT_FOUND,
      message: `no outbound message ${input.messageId ?? `with provider id ${input.providerMessageId}`} on ${input.channel}`,
      status: 404,
    });
  }
  const providerMessageId = row.providerMessageId ?? input.providerMessageId ?? null;
  if (!canTransition(row.deliveryState, input.state)) {
    if (providerMessageId !== row.providerMessageId) {
      await tx.update(messages).set({ providerMessageId }).where(eq(messages.id, row.id));
    }
    return { messageId: row.id, state: row.deliveryState, changed: false };
  }
  const now = new Date().toISOString();
  const error = input.state === 'failed' ? (input.error ?? { code: 'unknown', message: 'the channel reported a failure', retryable: false }) : null;
  await tx
    .update(messages)
    .set({ deliveryState: input.state, deliveryError: error ? JSON.stringify(error) : null, providerMessageId, updatedAt: now })
    .where(eq(messages.id, row.id));
  const seq = await nextSeq(tx, row.conversationId, now);
  await appendEvent(
    tx,
    'core.message.delivery_updated.v1',
    { conversationId: row.conversationId, seq, messageId: row.id, previousState: row.deliveryState, state: input.state, providerMessageId, error },
    { ...context, subject: row.id },
  );
  return { messageId: row.id, state: input.state, changed: true };
}
