import type { AttachmentRef, DeliveryError, Leg, Message, MessageContent } from '@switchboard/events';
import type { legs, messages } from '../db/schema';

type MessageRow = typeof messages.$inferSelect;
type LegRow = typeof legs.$inferSelect;

/**
 * Turns a stored message row into the contract's Message (what events and the API carry).
 *
 * @example
 * const message = toMessage(row);
 */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    legId: row.legId,
    channel: row.channel,
    direction: row.direction,
    private: row.private,
    sender: { kind: row.senderKind, id: row.senderId, name: row.senderName },
    text: row.text,
    attachments: JSON.parse(row.attachments) as AttachmentRef[],
    delivery: {
      state: row.deliveryState,
      error: row.deliveryError ? (JSON.parse(row.deliveryError) as DeliveryError) : null,
    },
    clientMessageId: row.clientMessageId,
    providerMessageId: row.providerMessageId,
    replyToMessageId: row.replyToMessageId,
    ...(row.content ? { content: JSON.parse(row.content) as MessageContent } : {}),
    createdAt: row.createdAt,
  };
}

/**
 * Turns a stored leg row into the contract's Leg.
 *
 * @example
 * const leg = toLeg(row);
 */
export function toLeg(row: LegRow): Leg {
  return {
    id: row.id,
    channel: row.channel,
    account: row.account,
    thread: row.thread,
    identity: row.identityType && row.identityValue ? { type: row.identityType, value: row.identityValue } : null,
    createdAt: row.createdAt,
  };
}
