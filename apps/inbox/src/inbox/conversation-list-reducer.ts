import type { Conversation, ConversationPage, ConversationStatus, Message } from '../api/api-types';
import type { ConversationEvent } from '../realtime/core-event';

/** The three inbox views. */
export type InboxView = 'mine' | 'unassigned' | 'all';
export const INBOX_VIEWS: readonly InboxView[] = ['mine', 'unassigned', 'all'];

/** What a list shows; `status` undefined means every status. */
export type ListFilter = { view: InboxView; status?: ConversationStatus | undefined };

/** A loaded conversation list: sorted like the server (latest activity first, then id). */
export type ListState = {
  filter: ListFilter;
  /** The signed-in agent, for the Mine view. */
  meId: string;
  items: Conversation[];
  nextCursor: string | null;
  /** True once a page has been loaded and no further page exists. */
  complete: boolean;
  loaded: boolean;
};

/** Actions of {@link listReducer}. */
export type ListAction =
  | { type: 'page-loaded'; page: ConversationPage; replace: boolean }
  | { type: 'upsert'; conversation: Conversation }
  | { type: 'event'; event: ConversationEvent };

/**
 * An empty list for a filter.
 *
 * @example
 * const state = initialListState({ view: 'mine', status: 'open' }, me.id);
 */
export function initialListState(filter: ListFilter, meId: string): ListState {
  return { filter, meId, items: [], nextCursor: null, complete: false, loaded: false };
}

/**
 * Whether a conversation belongs in a list.
 *
 * @example
 * matchesFilter(conv, { view: 'unassigned' }, meId); // conv.assigneeId === null
 */
export function matchesFilter(c: Conversation, filter: ListFilter, meId: string): boolean {
  if (filter.status && c.status !== filter.status) return false;
  if (filter.view === 'mine') return c.assigneeId === meId;
  if (filter.view === 'unassigned') return c.assigneeId === null;
  return true;
}

/** Server order: latest activity first, ties by id descending (the keyset of the cursor). */
export function compareConversations(a: Conversation, b: Conversation): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * Applies a page, a fresher copy of one conversation, or a realtime event. Events are applied
 * idempotently through the conversation's sequence number: an event at or below the row's `seq`
 * is already reflected and changes nothing, so replays and overlapping fetches never double up.
 *
 * @example
 * state = listReducer(state, { type: 'event', event });
 */
export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'page-loaded': {
      const done = { nextCursor: action.page.nextCursor, complete: action.page.nextCursor === null, loaded: true };
      // The usual case, a next page older than everything loaded: append without re-sorting
      // thousands of rows.
      if (!action.replace && state.items.length > 0) {
        const known = new Set(state.items.map((c) => c.id));
        const fresh = action.page.items.filter((c) => !known.has(c.id) && matchesFilter(c, state.filter, state.meId));
        const last = state.items[state.items.length - 1]!;
        const ordered = fresh.every((c, i) => compareConversations(i === 0 ? last : fresh[i - 1]!, c) < 0);
        if (ordered && fresh.length === action.page.items.length) return { ...state, items: [...state.items, ...fresh], ...done };
      }
      const base = action.replace ? [] : state.items;
      const byId = new Map(base.map((c) => [c.id, c]));
      for (const c of action.page.items) {
        const existing = byId.get(c.id);
        if (!existing || c.seq >= existing.seq) byId.set(c.id, c);
      }
      const items = [...byId.values()].filter((c) => matchesFilter(c, state.filter, state.meId)).sort(compareConversations);
      return { ...state, items, ...done };
    }
    case 'upsert': {
      const existing = state.items.find((c) => c.id === action.conversation.id);
      if (existing && existing.seq > action.conversation.seq) return state;
      return place(state, action.conversation);
    }
    case 'event': {
      const { event } = action;
      const index = state.items.findIndex((c) => c.id === event.data.conversationId);
      const current = index >= 0 ? state.items[index]! : null;
      if (current) {
        if (event.data.seq <= current.seq) return state;
        return place(state, applyConversationEvent(current, event));
      }
      if (event.type === 'core.conversation.opened.v1') {
        const d = event.data;
        return place(state, {
          id: d.conversationId,
          contactId: d.contactId,
          status: d.status,
          assigneeId: null,
          teamId: null,
          priority: null,
          labels: [],
          snoozedUntil: null,
          seq: d.seq,
          lastMessageText: null,
          lastActivityAt: event.time,
          lastInboundAt: null,
          waitingSince: null,
          createdAt: event.time,
        });
      }
      return state;
    }
  }
}

/**
 * Whether the list should fetch the conversation of an event to stay right: it is not in the
 * list but may now belong there, or events between the row's seq and this one were missed.
 *
 * @example
 * if (needsFetch(state, event)) api.getConversation(event.data.conversationId).then(upsert);
 */
export function needsFetch(state: ListState, event: ConversationEvent): boolean {
  const current = state.items.find((c) => c.id === event.data.conversationId);
  if (current) return event.data.seq > current.seq + 1;
  // A new conversation is fully described by its opened event.
  if (event.type === 'core.conversation.opened.v1') return false;
  if (event.type === 'core.message.delivery_updated.v1' || event.type === 'core.conversation.leg_added.v1') return false;
  return couldEnter(state.filter, state.meId, event);
}

function couldEnter(filter: ListFilter, meId: string, event: ConversationEvent): boolean {
  if (event.type === 'core.conversation.assigned.v1') return filter.view !== 'unassigned' && (filter.view === 'all' || event.data.agentId === meId);
  if (event.type === 'core.conversation.unassigned.v1') return filter.view !== 'mine';
  if (event.type === 'core.conversation.status_changed.v1') return !filter.status || filter.status === event.data.to;
  // New activity moves a conversation to the top of any list it belongs to.
  return true;
}

/** Where rows outside the loaded pages stay out: they arrive with their page. */
function place(state: ListState, conversation: Conversation): ListState {
  const without = state.items.filter((c) => c.id !== conversation.id);
  if (!matchesFilter(conversation, state.filter, state.meId)) {
    return without.length === state.items.length ? state : { ...state, items: without };
  }
  const last = without[without.length - 1];
  if (!state.complete && last && compareConversations(conversation, last) > 0) {
    return without.length === state.items.length ? state : { ...state, items: without };
  }
  let lo = 0;
  let hi = without.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareConversations(without[mid]!, conversation) < 0) lo = mid + 1;
    else hi = mid;
  }
  without.splice(lo, 0, conversation);
  return { ...state, items: without };
}

/**
 * A conversation after one of its events: status, assignee, preview, activity and waiting time.
 *
 * @example
 * const next = applyConversationEvent(conv, event);
 */
export function applyConversationEvent<C extends Conversation>(c: C, event: ConversationEvent): C {
  const next: C = { ...c, seq: event.data.seq };
  switch (event.type) {
    case 'core.conversation.status_changed.v1':
      next.status = event.data.to;
      next.snoozedUntil = event.data.snoozedUntil;
      if (event.data.to === 'resolved') next.waitingSince = null;
      break;
    case 'core.conversation.assigned.v1':
      next.assigneeId = event.data.agentId;
      break;
    case 'core.conversation.unassigned.v1':
      next.assigneeId = null;
      break;
    case 'core.message.received.v1': {
      const m = event.data.message;
      next.lastMessageText = messagePreview(m);
      next.lastActivityAt = maxTime(c.lastActivityAt, m.createdAt);
      next.lastInboundAt = m.createdAt;
      next.waitingSince = c.waitingSince ?? m.createdAt;
      break;
    }
    case 'core.message.sent.v1': {
      const m = event.data.message;
      next.lastMessageText = messagePreview(m);
      next.lastActivityAt = maxTime(c.lastActivityAt, m.createdAt);
      next.waitingSince = null;
      break;
    }
    case 'core.note.added.v1':
      next.lastActivityAt = maxTime(c.lastActivityAt, event.data.note.createdAt);
      break;
    default:
      break;
  }
  return next;
}

function maxTime(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The one-line preview the server stores for a message (same rule, so live rows match fetched ones).
 *
 * @example
 * messagePreview({ text: '', attachments: [a, b] }); // '📎 2 attachments'
 */
export function messagePreview(m: Pick<Message, 'text' | 'attachments'>): string {
  const line = m.text.replace(/\s+/g, ' ').trim();
  if (line) return line.slice(0, 140);
  return m.attachments.length === 1 ? '📎 attachment' : `📎 ${m.attachments.length} attachments`;
}
