import type { DeliverInput, Message } from '@switchboard/events';
import { PAGE_ID, PSID } from './fixtures';

/**
 * What the core asks the channel to deliver: an agent's reply on a Messenger thread.
 *
 * @example
 * const input = outboundInput({ text: 'Hi' });
 */
export function outboundInput(message: Partial<Message> = {}, attachments: DeliverInput['attachments'] = []): DeliverInput {
  return {
    message: {
      id: '01JD3Z6Q8V5C2K9W4T7N0MSG01',
      conversationId: '01JD3Z5X0000000000000CONV2',
      legId: '01JD3Z5X0000000000000LEG02',
      channel: 'channel-messenger',
      direction: 'outbound',
      private: false,
      sender: { kind: 'agent', id: 'agent-1', name: 'Anna' },
      text: 'Sure! What is the new address?',
      attachments: [],
      delivery: { state: 'queued', error: null },
      clientMessageId: 'c-1',
      providerMessageId: null,
      replyToMessageId: null,
      createdAt: '2026-11-22T13:06:00.000Z',
      ...message,
    },
    leg: { id: '01JD3Z5X0000000000000LEG02', channel: 'channel-messenger', account: PAGE_ID, thread: `${PAGE_ID}:${PSID}`, identity: { type: 'messenger_psid', value: `${PAGE_ID}:${PSID}` }, createdAt: '2026-11-22T13:05:00.000Z' },
    attachments,
    attempt: 1,
  };
}
