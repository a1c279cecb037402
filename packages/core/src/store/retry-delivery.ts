import type { CoreCommandOutput } from '@switchboard/events';
import { and, eq } from 'drizzle-orm';
import { messages } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { requireConversation } from './conversation-lookup';
import type { EventContext } from './event-journal';
import { updateDelivery } from './update-delivery';

/**
 * An agent's retry of a failed outbound message: it goes back to `queued` with a
 * `core.message.delivery_updated.v1` (state `queued`), which the outbound dispatcher picks up and
 * delivers again through the message's leg. Only a failed message can be retried (409 otherwise),
 * so a double click never sends twice.
 *
 * @example
 * await queue.write((tx) => retryDelivery(tx, { conversationId, messageId }, ctx));
 */
export async function retryDelivery(
  tx: Tx,
  input: { conversationId: string; messageId: string },
  context: EventContext,
): Promise<CoreCommandOutput<'core.message.update_delivery.v1'>> {
  await requireConversation(tx, input.conversationId);
  const [row] = await tx
    .select({ id: messages.id, channel: messages.channel, direction: messages.direction, private: messages.private, deliveryState: messages.deliveryState })
    .from(messages)
    .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, input.conversationId)));
  if (!row || row.direction !== 'outbound' || row.private || !row.channel) {
    throw new CoreError({
      code: CoreErrorCodes.MESSAGE_NOT_FOUND,
      message: `conversation ${input.conversationId} has no outbound message ${input.messageId}`,
      status: 404,
    });
  }
  if (row.deliveryState !== 'failed') {
    throw new CoreError({
      code: CoreErrorCodes.CONFLICT,
      message: `message ${row.id} is ${row.deliveryState}, not failed; only a failed message can be retried`,
      status: 409,
    });
  }
  return updateDelivery(tx, { channel: row.channel, messageId: row.id, state: 'queued' }, context);
}
