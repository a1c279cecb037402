import type { CloudEvent, DeliveryState } from '@switchboard/events';
import type { Message } from '../api/api-types';
import { asConversationEvent, type ConversationEvent } from '../realtime/core-event';

/** Conversation events shown inline as system lines (messages and notes show as bubbles). */
export type SystemEvent = Extract<
  ConversationEvent,
  {
    type:
      | 'core.conversation.opened.v1'
      | 'core.conversation.leg_added.v1'
      | 'core.conversation.status_changed.v1'
      | 'core.conversation.assigned.v1'
      | 'core.conversation.unassigned.v1'
      | 'core.conversation.team_changed.v1'
      | 'core.conversation.priority_changed.v1'
      | 'core.conversation.labels_changed.v1';
  }
>;

/** One line of the timeline. */
export type TimelineItem =
  | { kind: 'message'; key: string; seq: number; message: Message }
  | { kind: 'system'; key: string; seq: number; event: SystemEvent };

/** The merged timeline of one conversation. */
export type TimelineState = {
  conversationId: string;
  messages: ReadonlyMap<string, Message>;
  /** The seq of the event that created each message, for ordering among system events. */
  messageSeq: ReadonlyMap<string, number>;
  /**
   * The seq of the event that last set each message's delivery state. A message without one holds
   * a fetched snapshot (`GET …/messages`, a send's answer), which may be ahead of the events.
   */
  deliverySeq: ReadonlyMap<string, number>;
  system: ReadonlyMap<number, SystemEvent>;
  applied: ReadonlySet<number>;
  /** Highest conversation seq applied. */
  lastSeq: number;
};

const RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * An empty timeline.
 *
 * @example
 * const t = emptyTimeline('01J…');
 */
export function emptyTimeline(conversationId: string): TimelineState {
  return { conversationId, messages: new Map(), messageSeq: new Map(), deliverySeq: new Map(), system: new Map(), applied: new Set(), lastSeq: 0 };
}

/**
 * Builds a timeline from `GET …/messages` (current delivery states) and `GET …/events?afterSeq=0`
 * (order and system events), in either fetch order: a message present only in the events is
 * taken from its event, and a fetched state is not moved back by older events — except that a
 * failed message retried (`failed → queued`) starts over, and later events follow it again.
 *
 * @example
 * const t = buildTimeline(id, await api.listAllMessages(id), await api.listEvents(id, 0));
 */
export function buildTimeline(conversationId: string, messages: readonly Message[], events: readonly CloudEvent[]): TimelineState {
  let state = emptyTimeline(conversationId);
  for (const m of messages) state = upsertMessage(state, m);
  for (const e of events) {
    const event = asConversationEvent(e);
    if (event) state = applyTimelineEvent(state, event);
  }
  return state;
}

/**
 * Whether events between the timeline and this one are missing (fetch `afterSeq=lastSeq` first).
 *
 * @example
 * if (hasGap(state, event)) await refill(state.lastSeq);
 */
export function hasGap(state: TimelineState, event: ConversationEvent): boolean {
  return event.data.conversationId === state.conversationId && event.data.seq > state.lastSeq + 1;
}

/**
 * Applies one conversation event; an event already applied (same seq) returns the same state.
 *
 * @example
 * state = applyTimelineEvent(state, event);
 */
export function applyTimelineEvent(state: TimelineState, event: ConversationEvent): TimelineState {
  const { seq, conversationId } = event.data;
  if (conversationId !== state.conversationId || state.applied.has(seq)) return state;
  const applied = new Set(state.applied).add(seq);
  const next: TimelineState = { ...state, applied, lastSeq: Math.max(state.lastSeq, seq) };
  switch (event.type) {
    case 'core.message.received.v1':
    case 'core.message.sent.v1':
      return withMessageSeq(upsertMessage(next, event.data.message), event.data.message.id, seq);
    case 'core.note.added.v1':
      return withMessageSeq(upsertMessage(next, event.data.note), event.data.note.id, seq);
    case 'core.message.delivery_updated.v1': {
      const current = next.messages.get(event.data.messageId);
      if (!current) return next;
      const known = next.deliverySeq.get(current.id);
      // Events follow each other in order. A fetched snapshot only yields to a step forward, or
      // to a failure (which a retry, the next event, may turn back into queued).
      const follows = known !== undefined ? seq > known : RANK[event.data.state] > RANK[current.delivery.state] || (event.data.previousState === 'failed' && current.delivery.state === 'failed');
      if (!follows) return next;
      const messages = new Map(next.messages);
      messages.set(current.id, {
        ...current,
        delivery: { state: event.data.state, error: event.data.error },
        providerMessageId: event.data.providerMessageId ?? current.providerMessageId,
      });
      const deliverySeq = new Map(next.deliverySeq).set(current.id, seq);
      return { ...next, messages, deliverySeq };
    }
    case 'core.conversation.opened.v1':
    case 'core.conversation.leg_added.v1':
    case 'core.conversation.status_changed.v1':
    case 'core.conversation.assigned.v1':
    case 'core.conversation.unassigned.v1':
    case 'core.conversation.team_changed.v1':
    case 'core.conversation.priority_changed.v1':
    case 'core.conversation.labels_changed.v1': {
      const system = new Map(next.system);
      system.set(seq, event);
      return { ...next, system };
    }
    default:
      // Counted (no gap), not shown: events this inbox does not know yet.
      return next;
  }
}

/**
 * Adds a message (a send's response, a fetched page) or refreshes it when its delivery state is
 * further along than the one held.
 *
 * @example
 * state = upsertMessage(state, response.message);
 */
export function upsertMessage(state: TimelineState, message: Message): TimelineState {
  if (message.conversationId !== state.conversationId) return state;
  const current = state.messages.get(message.id);
  if (current && RANK[message.delivery.state] <= RANK[current.delivery.state]) return state;
  const messages = new Map(state.messages);
  messages.set(message.id, message);
  return { ...state, messages };
}

function withMessageSeq(state: TimelineState, messageId: string, seq: number): TimelineState {
  if (state.messageSeq.get(messageId) === seq) return state;
  const messageSeq = new Map(state.messageSeq);
  messageSeq.set(messageId, seq);
  return { ...state, messageSeq };
}

/**
 * The timeline in order: by conversation seq; a message whose event has not arrived yet (just
 * sent) goes after everything known, ordered by its id (ULIDs sort by time).
 *
 * @example
 * timelineItems(state).map((item) => <Row item={item} />);
 */
export function timelineItems(state: TimelineState): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const [seq, event] of state.system) items.push({ kind: 'system', key: `s${seq}`, seq, event });
  for (const m of state.messages.values()) {
    items.push({ kind: 'message', key: m.id, seq: state.messageSeq.get(m.id) ?? Number.POSITIVE_INFINITY, message: m });
  }
  return items.sort((a, b) => a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
