import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure } from '@switchboard/plugin-sdk';
import { fanOut } from './webchat-fanout';
import type { Author } from './webchat-message-store';
import type { WebchatRuntime } from './webchat-runtime';
import { toWireMessage } from './webchat-wire';

/**
 * The channel's `deliver`: an agent's (or bot's) reply on a web chat leg goes into the visitor's
 * history (stored once by the core's message id, so a redelivery changes nothing) and out to their
 * open streams on every server process through NATS. The message counts as `sent`; it becomes
 * `delivered` when a stream or a history fetch hands it to the visitor, `read` on their `seen`.
 * The leg's thread is the visitor id.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createWebchatDeliver(runtime) });
 */
export function createWebchatDeliver(runtime: Pick<WebchatRuntime, 'visitors' | 'messages' | 'bus' | 'attachments' | 'logger'>): (input: DeliverInput) => Promise<DeliverOutput> {
  return async (input) => {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      // A private note must never reach a visitor, whatever asked for it.
      throw new DeliveryFailure({ code: 'not_deliverable', message: `channel-webchat: message ${message.id} is not an outbound customer message`, retryable: false });
    }
    const visitor = await runtime.visitors.get(leg.thread);
    if (!visitor) {
      throw new DeliveryFailure({ code: 'unknown_visitor', message: `channel-webchat: no web chat visitor ${leg.thread} (thread of leg ${leg.id}); the visitor's data is gone`, retryable: false });
    }
    const author: Author = message.sender.kind === 'contact' ? 'agent' : message.sender.kind;
    const stored = await runtime.messages.insert({
      id: message.id,
      visitorId: visitor.id,
      conversationId: message.conversationId,
      author,
      senderName: message.sender.name,
      text: message.text,
      attachments: message.attachments,
      content: message.content ?? null,
      echoId: null,
      createdAt: message.createdAt,
    });
    if (visitor.conversationId !== message.conversationId) {
      await runtime.visitors.update(visitor.id, { conversationId: message.conversationId, conversationStatus: 'open' });
    }
    const wire = await toWireMessage(stored, runtime.attachments, visitor.agentReadSeq);
    fanOut(runtime.bus, visitor.id, { event: 'message', id: wire.seq, data: wire });
    runtime.logger.info({ messageId: message.id, visitorId: visitor.id, seq: stored.seq, attempt: input.attempt }, 'reply stored for the visitor');
    return { providerMessageId: null, state: 'sent' };
  };
}
