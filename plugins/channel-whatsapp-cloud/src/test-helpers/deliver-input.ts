import type { DeliverInput, Message } from '@switchboard/events';

/**
 * What the core asks the channel to deliver: an agent's reply on Dana's WhatsApp thread.
 *
 * @example
 * const input = deliverInput({ message: { text: 'Hi' } });
 */
export function deliverInput(overrides: { message?: Partial<Message>; attachments?: DeliverInput['attachments']; thread?: string } = {}): DeliverInput {
  const thread = overrides.thread ?? '+12025550143';
  const message: Message = {
    id: '01JD3Z6Q8V5C2K9W4T7N0R1M6B',
    conversationId: '01JD3Z5X0000000000000CONV1',
    legId: '01JD3Z5X0000000000000LEG01',
    channel: 'channel-whatsapp-cloud',
    direction: 'outbound',
    private: false,
    sender: { kind: 'agent', id: '01JD3Z5X000000000000AGENT1', name: 'Anna' },
    text: 'Hi Dana, your order #1042 left our warehouse today.',
    attachments: [],
    delivery: { state: 'queued', error: null },
    clientMessageId: 'client-1',
    providerMessageId: null,
    replyToMessageId: null,
    createdAt: '2026-11-22T13:06:00.000Z',
    ...overrides.message,
  };
  return {
    message,
    leg: {
      id: '01JD3Z5X0000000000000LEG01',
      channel: 'channel-whatsapp-cloud',
      account: '106540352242922',
      thread,
      identity: { type: thread.startsWith('+') ? 'whatsapp' : 'whatsapp_user', value: thread },
      createdAt: '2026-11-22T13:05:00.000Z',
    },
    attachments: overrides.attachments ?? [],
    attempt: 1,
  };
}
