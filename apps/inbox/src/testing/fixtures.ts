import type { CloudEvent, CoreEventData, CoreEventType } from '@switchboard/events';
import type { ConversationListItem, Leg, Message } from '../api/api-types';
import type { ConversationEvent } from '../realtime/core-event';

// Builders for tests: realistic shapes with only the fields a test cares about spelled out.

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(4, '0')}`;

export function conversation(overrides: Partial<ConversationListItem> = {}): ConversationListItem {
  return {
    contact: { id: overrides.contactId ?? 'contact1', name: 'Dana Reyes' },
    channels: ['channel-api'],
    unreadCount: 0,
    id: nextId('conv'),
    contactId: 'contact1',
    status: 'open',
    assigneeId: null,
    teamId: null,
    priority: null,
    labels: [],
    snoozedUntil: null,
    seq: 1,
    lastMessageText: null,
    lastActivityAt: '2025-01-01T10:00:00.000Z',
    lastInboundAt: null,
    waitingSince: null,
    createdAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    conversationId: 'conv1',
    legId: 'leg1',
    channel: 'channel-api',
    direction: 'inbound',
    private: false,
    sender: { kind: 'contact', id: 'contact1', name: 'Dana' },
    text: 'hello',
    attachments: [],
    delivery: { state: 'delivered', error: null },
    clientMessageId: null,
    providerMessageId: null,
    replyToMessageId: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function leg(overrides: Partial<Leg> = {}): Leg {
  return { id: 'leg1', channel: 'channel-api', account: 'default', thread: 't1', identity: { type: 'api_user', value: 'u1' }, createdAt: '2025-01-01T09:00:00.000Z', ...overrides };
}

export function coreEvent<T extends CoreEventType>(type: T, data: CoreEventData<T>, overrides: Partial<CloudEvent> = {}): ConversationEvent {
  return {
    specversion: '1.0',
    id: nextId('evt'),
    source: 'switchboard/core',
    type,
    time: '2025-01-01T10:00:00.000Z',
    data,
    ...overrides,
  } as unknown as ConversationEvent;
}
