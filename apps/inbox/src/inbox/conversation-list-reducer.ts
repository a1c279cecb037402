import { messagePreview } from '@switchboard/events';
import type { Conversation, ConversationListItem, ConversationPage, ConversationSort } from '../api/api-types';
import type { ConversationEvent } from '../realtime/core-event';
import type { ListFilter } from './list-filter';

export { INBOX_VIEWS, type InboxView, type ListFilter } from './list-filter';

/** A list row: a list item, `partial` while only an event described it (its contact still loading). */
export type ListItem = ConversationListItem & { partial?: boolean };

/** A loaded conversation list, sorted like the server sorts it for the filter. */
export type ListState = {
  filter: ListFilter;
  /** The signed-in agent, for the Mine view. */
  meId: string;
  items: ListItem[];
  nextCursor: string | null;
  /** True once a page has been loaded and no further page exists. */
  complete: boolean;
  loaded: boolean;
};

/** Actions of {@link listReducer}. */
export type ListAction =
  | { type: 'page-loaded'; page: ConversationPage; replace: boolean }
  | { type: 'upsert'; conversation: ListItem }
  | {
      type: 'event';
      event: ConversationEvent;
      /** The agent has this conversation open and in view: a new customer message is read at once. */
      reading?: boolean;
    }
  | { type: 'read'; conversationId: string }
  | { type: 'contact-merged'; survivorId: string; mergedId: string; movedConversationIds: readonly string[]; survivorName: string | null };

/**
 * An empty list for a filter.
 *
 * @example
 * const state = initialListState({ view: 'mine', status: 'open', sort: 'activity' }, me.id);
 */
export function initialListState(filter: ListFilter, meId: string): ListState {
  return { filter, meId, items: [], nextCursor: null, complete: false, loaded: false };
}

/**
 * Whether a conversation belongs in a list. Search (`q`) is the server's to decide: a row that
 * came with the search results stays while the other filters still hold.
 *
 * @example
 * matchesFilter(conv, { view: 'unassigned', sort: 'activity' }, meId); // conv.assigneeId === null
 */
export function matchesFilter(c: Conversation & { channels?: readonly string[] }, filter: ListFilter, meId: string): boolean {
  if (filter.status && c.status !== filter.status) return false;
  if (filter.teamId && c.teamId !== filter.teamId) return false;
  if (filter.priority && c.priority !== filter.priority) return false;
  if (filter.label && !c.labels.includes(filter.label)) return false;
  if (filter.channel && c.channels && !c.channels.includes(filter.channel)) return false;
  if (filter.view === 'mine') return c.assigneeId === meId;
  if (filter.view === 'unassigned') return c.assigneeId === null;
  if (filter.assigneeId) return c.assigneeId === filter.assigneeId;
  return true;
}

/**
 * The server's order for a sort: latest activity first (ties by id descending), or the
 * longest-waiting customer first with the conversations nobody waits in last (ties by id ascending).
 *
 * @example
 * items.sort(comparatorFor('waiting'));
 */
export function comparatorFor(sort: ConversationSort): (a: Conversation, b: Conversation) => number {
  return sort === 'waiting' ? compareWaiting : compareConversations;
}

/** Latest activity first, ties by id descending (the keyset of the activity cursor). */
export function compareConversations(a: Conversation, b: Conversation): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

function compareWaiting(a: Conversation, b: Conversation): number {
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  }
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/**
 * Applies a page, a fresher copy of one conversation, a realtime event, a read mark or a contact
 * merge. Events are applied idempotently through the conversation's sequence number: an event at
 * or below the row's `seq` is already reflected and changes nothing, so replays and overlapping
 * fetches never double up (nor count a message as unread twice).
 *
 * @example
 * state = listReducer(state, { type: 'event', event });
 */
export function listReducer(state: ListState, action: ListAction): ListState {
  const compare = comparatorFor(state.filter.sort);
  switch (action.type) {
    case 'page-loaded': {
      const done = { nextCursor: action.page.nextCursor, complete: action.page.nextCursor === null, loaded: true };
      // The usual case, a next page beyond everything loaded: append without re-sorting
      // thousands of rows.
      if (!action.replace && state.items.length > 0) {
        const known = new Set(state.items.map((c) => c.id));
        const fresh = action.page.items.filter((c) => !known.has(c.id) && matchesFilter(c, state.filter, state.meId));
        const last = state.items[state.items.length - 1]!;
        const ordered = fresh.every((c, i) => compare(i === 0 ? last : fresh[i - 1]!, c) < 0);
        if (ordered && fresh.length === action.page.items.length) return { ...state, items: [...state.items, ...fresh], ...done };
      }
      const base = action.replace ? [] : state.items;
      const byId = new Map<string, ListItem>(base.map((c) => [c.id, c]));
      for (const c of action.page.items) {
        const existing = byId.get(c.id);
        if (!existing || c.seq >= existing.seq) byId.set(c.id, c);
      }
      const items = [...byId.values()].filter((c) => matchesFilter(c, state.filter, state.meId)).sort(compare);
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
        return place(state, applyListEvent(current, event, action.reading ?? false));
      }
      if (event.type === 'core.conversation.opened.v1' && !state.filter.q) return place(state, openedRow(event));
      return state;
    }
    case 'read': {
      const index = state.items.findIndex((c) => c.id === action.conversationId);
      if (index < 0 || state.items[index]!.unreadCount === 0) return state;
      const items = state.items.slice();
      items[index] = { ...items[index]!, unreadCount: 0 };
      return { ...state, items };
    }
    case 'contact-merged': {
      const moved = new Set(action.movedConversationIds);
      let changed = false;
      const items = state.items.map((c) => {
        if (c.contact.id !== action.mergedId && !moved.has(c.id)) return c;
        changed = true;
        return { ...c, contactId: action.survivorId, contact: { id: action.survivorId, name: action.survivorName ?? c.contact.name } };
      });
      return changed ? { ...state, items } : state;
    }
  }
}

function openedRow(event: Extract<ConversationEvent, { type: 'core.conversation.opened.v1' }>): ListItem {
  const d = event.data;
  return {
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
    contact: { id: d.contactId, name: null },
    channels: [d.leg.channel],
    unreadCount: 0,
    partial: true,
  };
}

/**
 * Whether the list should fetch the conversation of an event to stay right: it is not in the
 * list but may now belong there, events between the row's seq and this one were missed, or a new
 * row still needs its contact's name.
 *
 * @example
 * if (needsFetch(state, event)) fetchListItem(event.data.conversationId).then(upsert);
 */
export function needsFetch(state: ListState, event: ConversationEvent): boolean {
  const current = state.items.find((c) => c.id === event.data.conversationId);
  if (current) return current.partial === true || event.data.seq > current.seq + 1;
  if (state.filter.q) return false;
  if (event.type === 'core.conversation.opened.v1') return matchesFilter(openedRow(event), state.filter, state.meId);
  if (event.type === 'core.message.delivery_updated.v1' || event.type === 'core.conversation.leg_added.v1') return false;
  return couldEnter(state.filter, state.meId, event);
}

function couldEnter(filter: ListFilter, meId: string, event: ConversationEvent): boolean {
  switch (event.type) {
    case 'core.conversation.assigned.v1':
      if (filter.view === 'unassigned') return false;
      return filter.view === 'mine' ? event.data.agentId === meId : !filter.assigneeId || event.data.agentId === filter.assigneeId;
    case 'core.conversation.unassigned.v1':
      return filter.view !== 'mine' && !filter.assigneeId;
    case 'core.conversation.status_changed.v1':
      return !filter.status || filter.status === event.data.to;
    case 'core.conversation.team_changed.v1':
      return !filter.teamId || filter.teamId === event.data.teamId;
    case 'core.conversation.priority_changed.v1':
      return !filter.priority || filter.priority === event.data.priority;
    case 'core.conversation.labels_changed.v1':
      return !filter.label || event.data.labels.includes(filter.label);
    default:
      // New activity moves a conversation to the top of any list it belongs to.
      return true;
  }
}

/** Where rows outside the loaded pages stay out: they arrive with their page. */
function place(state: ListState, conversation: ListItem): ListState {
  const compare = comparatorFor(state.filter.sort);
  const without = state.items.filter((c) => c.id !== conversation.id);
  if (!matchesFilter(conversation, state.filter, state.meId)) {
    return without.length === state.items.length ? state : { ...state, items: without };
  }
  const last = without[without.length - 1];
  if (!state.complete && last && compare(conversation, last) > 0) {
    return without.length === state.items.length ? state : { ...state, items: without };
  }
  let lo = 0;
  let hi = without.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(without[mid]!, conversation) < 0) lo = mid + 1;
    else hi = mid;
  }
  without.splice(lo, 0, conversation);
  return { ...state, items: without };
}

/**
 * A list row after one of its events: everything {@link applyConversationEvent} changes, plus the
 * channels and the unread count (a customer message is unread unless the agent is reading).
 *
 * @example
 * const next = applyListEvent(row, event, false);
 */
export function applyListEvent(c: ListItem, event: ConversationEvent, reading: boolean): ListItem {
  const next = applyConversationEvent(c, event);
  if (event.type === 'core.conversation.leg_added.v1' && !c.channels.includes(event.data.leg.channel)) {
    next.channels = [...c.channels, event.data.leg.channel];
  } else if (event.type === 'core.message.received.v1' && !event.data.message.private && event.data.message.direction === 'inbound') {
    next.unreadCount = reading ? 0 : c.unreadCount + 1;
  }
  return next;
}

/**
 * A conversation after one of its events: status, assignee, team, priority, labels, preview,
 * activity and waiting time.
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
    case 'core.conversation.team_changed.v1':
      next.teamId = event.data.teamId;
      break;
    case 'core.conversation.priority_changed.v1':
      next.priority = event.data.priority;
      break;
    case 'core.conversation.labels_changed.v1':
      next.labels = event.data.labels;
      break;
    case 'core.message.received.v1': {
      const m = event.data.message;
      next.lastMessageText = messagePreview(m.text, m.attachments.length, m.content);
      next.lastActivityAt = maxTime(c.lastActivityAt, m.createdAt);
      next.lastInboundAt = m.createdAt;
      next.waitingSince = c.waitingSince ?? m.createdAt;
      break;
    }
    case 'core.message.sent.v1': {
      const m = event.data.message;
      next.lastMessageText = messagePreview(m.text, m.attachments.length, m.content);
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
