import type { DeliverInput, Message } from '@switchboard/events';

/** What the attachments of {@link deliverInput} look like: refs with a signed URL. */
export type DeliverAttachment = DeliverInput['attachments'][number];

/**
 * What the core's dispatcher asks channel-telegram to deliver: an agent's reply to the fixtures'
 * customer through the fixtures' bot.
 *
 * @example
 * const input = deliverInput({ message: { text: 'Hi' } });
 */
export function deliverInput(overrides: { message?: Partial<Message>; attachments?: DeliverAttachment[]; thread?: string; account?: string } = {}): DeliverInput {
  const message: Message = {
    id: '01JD3Z6Q8V5C2K9W4T7N0R1M6B',
    conversationId: '01JD3Z5X0000000000000CONV1',
    legId: '01JD3Z5X0000000000000LEG01',
    channel: 'channel-telegram',
    direction: 'outbound',
    private: false,
    sender: { kind: 'agent', id: '01JD3Z5X000000000000AGENT1', name: 'Anna' },
    text: 'Hi Dana, your order #1042 left our warehouse today.',
    attachments: (overrides.attachments ?? []).map(({ url: _url, ...ref }) => ref),
    delivery: { state: 'queued', error: null },
    clientMessageId: 'client-1',
    providerMessageId: null,
    replyToMessageId: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides.message,
  };
  const thread = overrides.thread ?? '5551234567';
  return {
    message,
    leg: { id: '01JD3Z5X0000000000000LEG01', channel: 'channel-telegram', account: overrides.account ?? '110201543', thread, identity: { type: 'telegram_chat', value: thread }, createdAt: '2026-11-23T09:00:00.000Z' },
    attachments: overrides.attachments ?? [],
    attempt: 1,
  };
}
