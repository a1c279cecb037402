import type { DeliverInput, Message } from '@switchboard/events';

/**
 * What the core's dispatcher asks channel-api to deliver: an agent's reply on an api_user leg.
 *
 * @example
 * const input = deliverInput({ attempt: 2 });
 */
export function deliverInput(overrides: { message?: Partial<Message>; attempt?: number } = {}): DeliverInput {
  const message: Message = {
    id: '01JD3Z6Q8V5C2K9W4T7N0R1M6B',
    conversationId: '01JD3Z5X0000000000000CONV1',
    legId: '01JD3Z5X0000000000000LEG01',
    channel: 'channel-api',
    direction: 'outbound',
    private: false,
    sender: { kind: 'agent', id: '01JD3Z5X000000000000AGENT1', name: 'Anna' },
    text: 'Your parcel ships tomorrow. ✓',
    attachments: [{ id: '01JD3Z5X00000000000000ATT1', name: 'label.pdf', contentType: 'application/pdf', size: 2048 }],
    delivery: { state: 'queued', error: null },
    clientMessageId: 'client-1',
    providerMessageId: null,
    replyToMessageId: null,
    createdAt: '2025-01-02T03:04:05.000Z',
    ...overrides.message,
  };
  return {
    message,
    leg: {
      id: '01JD3Z5X0000000000000LEG01',
      channel: 'channel-api',
      account: 'default',
      thread: 'crm-thread-77',
      identity: { type: 'api_user', value: 'crm-user-5' },
      createdAt: '2025-01-01T00:00:00.000Z',
    },
    attachments: message.attachments.map((ref) => ({ ...ref, url: `http://switchboard.test/attachments/${ref.id}?sig=abc` })),
    attempt: overrides.attempt ?? 1,
  };
}
