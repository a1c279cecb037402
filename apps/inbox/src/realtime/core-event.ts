import type { CloudEvent, CoreEventData, CoreEventType } from '@switchboard/events';

/** A core event with its `data` typed by its `type`. */
export type CoreEvent = { [T in CoreEventType]: Omit<CloudEvent, 'data' | 'type'> & { type: T; data: CoreEventData<T> } }[CoreEventType];

const HANDLED = [
  'core.conversation.opened.v1',
  'core.conversation.leg_added.v1',
  'core.conversation.status_changed.v1',
  'core.conversation.assigned.v1',
  'core.conversation.unassigned.v1',
  'core.conversation.team_changed.v1',
  'core.conversation.priority_changed.v1',
  'core.conversation.labels_changed.v1',
  'core.message.received.v1',
  'core.message.sent.v1',
  'core.message.delivery_updated.v1',
  'core.note.added.v1',
] as const satisfies readonly CoreEventType[];
type HandledType = (typeof HANDLED)[number];
const HANDLED_SET = new Set<string>(HANDLED);

/**
 * Any other event of a conversation (a newer core's or a plugin's): the inbox does not show it
 * yet but must count its sequence number, or every later event would look like a gap.
 */
export type OtherConversationEvent = Omit<CloudEvent, 'data' | 'type'> & {
  type: 'other';
  originalType: string;
  data: { conversationId: string; seq: number };
};

/** A conversation event the inbox understands, or another one reduced to its sequence number. */
export type ConversationEvent = Extract<CoreEvent, { type: HandledType }> | OtherConversationEvent;

/**
 * Narrows a CloudEvent to a conversation event when its data carries a conversation id and a
 * sequence number; contact events and events of no conversation give null.
 *
 * @example
 * const e = asConversationEvent(frame.event);
 * if (e?.type === 'core.message.received.v1') show(e.data.message);
 */
export function asConversationEvent(event: CloudEvent): ConversationEvent | null {
  const data = event.data as { conversationId?: unknown; seq?: unknown } | null;
  if (!data || typeof data !== 'object' || typeof data.conversationId !== 'string' || typeof data.seq !== 'number') return null;
  if (HANDLED_SET.has(event.type)) return event as unknown as ConversationEvent;
  return { ...event, type: 'other', originalType: event.type, data: { conversationId: data.conversationId, seq: data.seq } };
}
