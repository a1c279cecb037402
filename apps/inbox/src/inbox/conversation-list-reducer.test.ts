import { describe, expect, it } from 'vitest';
import { coreEvent, conversation, leg, message } from '../testing/fixtures';
import { initialListState, listReducer, needsFetch, type ListFilter, type ListState } from './conversation-list-reducer';

const ME = 'agent-me';
const actor = { kind: 'agent' as const, id: ME };

function loaded(filter: ListFilter, items = [conversation()], nextCursor: string | null = null): ListState {
  return listReducer(initialListState(filter, ME), { type: 'page-loaded', page: { items, nextCursor }, replace: true });
}

describe('listReducer', () => {
  it('moves a conversation to the top with the new preview and waiting time when a message arrives', () => {
    const older = conversation({ id: 'a', lastActivityAt: '2025-01-01T09:00:00.000Z', seq: 4 });
    const newer = conversation({ id: 'b', lastActivityAt: '2025-01-01T09:30:00.000Z', seq: 2 });
    let state = loaded({ view: 'all', sort: 'activity' }, [newer, older]);
    const msg = message({ conversationId: 'a', text: 'Where is\nmy order?', createdAt: '2025-01-01T10:00:00.000Z' });
    state = listReducer(state, { type: 'event', event: coreEvent('core.message.received.v1', { conversationId: 'a', seq: 5, message: msg }) });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b']);
    expect(state.items[0]).toMatchObject({ lastMessageText: 'Where is my order?', waitingSince: '2025-01-01T10:00:00.000Z', seq: 5 });
  });

  it('applies an event once: a replayed or already-fetched event changes nothing', () => {
    let state = loaded({ view: 'all', sort: 'activity' }, [conversation({ id: 'a', seq: 3 })]);
    const event = coreEvent('core.message.sent.v1', { conversationId: 'a', seq: 4, message: message({ conversationId: 'a', direction: 'outbound', text: 'On its way' }) });
    state = listReducer(state, { type: 'event', event });
    const again = listReducer(state, { type: 'event', event });
    expect(again).toBe(state);
    const stale = listReducer(state, { type: 'event', event: coreEvent('core.conversation.assigned.v1', { conversationId: 'a', seq: 2, agentId: ME, previousAgentId: null, actor }) });
    expect(stale.items[0]!.assigneeId).toBeNull();
  });

  it('adds a newly opened conversation and leaves it out of views it does not belong to', () => {
    const opened = coreEvent('core.conversation.opened.v1', { conversationId: 'n', seq: 1, contactId: 'k', status: 'open', leg: leg() }, { time: '2025-01-02T00:00:00.000Z' });
    const all = listReducer(loaded({ view: 'all', sort: 'activity' }), { type: 'event', event: opened });
    expect(all.items[0]).toMatchObject({ id: 'n', status: 'open', assigneeId: null, lastActivityAt: '2025-01-02T00:00:00.000Z', channels: ['channel-api'], partial: true });
    // Its contact's name comes with a fetch of the row.
    expect(needsFetch(loaded({ view: 'all', sort: 'activity' }), opened)).toBe(true);
    const mine = listReducer(loaded({ view: 'mine', sort: 'activity' }, []), { type: 'event', event: opened });
    expect(mine.items).toHaveLength(0);
  });

  it('drops a row that no longer matches the view after assignment or a status change', () => {
    let unassigned = loaded({ view: 'unassigned', status: 'open', sort: 'activity' }, [conversation({ id: 'a', seq: 1 }), conversation({ id: 'b', seq: 1, lastActivityAt: '2025-01-01T08:00:00.000Z' })]);
    unassigned = listReducer(unassigned, { type: 'event', event: coreEvent('core.conversation.assigned.v1', { conversationId: 'a', seq: 2, agentId: ME, previousAgentId: null, actor }) });
    expect(unassigned.items.map((c) => c.id)).toEqual(['b']);
    unassigned = listReducer(unassigned, {
      type: 'event',
      event: coreEvent('core.conversation.status_changed.v1', { conversationId: 'b', seq: 2, from: 'open', to: 'resolved', snoozedUntil: null, actor }),
    });
    expect(unassigned.items).toHaveLength(0);
  });

  it('asks for the conversation when an event may bring it into the view or when events were missed', () => {
    const state = loaded({ view: 'mine', sort: 'activity' }, [conversation({ id: 'a', assigneeId: ME, seq: 3 })]);
    const assignedElsewhere = coreEvent('core.conversation.assigned.v1', { conversationId: 'x', seq: 5, agentId: ME, previousAgentId: null, actor });
    expect(needsFetch(state, assignedElsewhere)).toBe(true);
    const toSomeoneElse = coreEvent('core.conversation.assigned.v1', { conversationId: 'x', seq: 5, agentId: 'other', previousAgentId: null, actor });
    expect(needsFetch(state, toSomeoneElse)).toBe(false);
    const gap = coreEvent('core.note.added.v1', { conversationId: 'a', seq: 6, note: message({ private: true }) });
    expect(needsFetch(state, gap)).toBe(true);
    const next = coreEvent('core.note.added.v1', { conversationId: 'a', seq: 4, note: message({ private: true }) });
    expect(needsFetch(state, next)).toBe(false);
  });

  it('keeps rows older than the loaded pages out until their page loads, and merges pages without duplicates', () => {
    const a = conversation({ id: 'a', lastActivityAt: '2025-01-01T12:00:00.000Z' });
    const b = conversation({ id: 'b', lastActivityAt: '2025-01-01T11:00:00.000Z' });
    let state = loaded({ view: 'all', sort: 'activity' }, [a, b], 'cursor-1');
    const old = conversation({ id: 'old', lastActivityAt: '2025-01-01T01:00:00.000Z' });
    state = listReducer(state, { type: 'upsert', conversation: old });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b']);
    state = listReducer(state, { type: 'page-loaded', page: { items: [b, old], nextCursor: null }, replace: false });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b', 'old']);
    expect(state.complete).toBe(true);
  });

  it('counts unread customer messages once, not while the agent is reading, and clears on a read mark', () => {
    let state = loaded({ view: 'all', sort: 'activity' }, [conversation({ id: 'a', seq: 3, unreadCount: 1 })]);
    const received = (seq: number, extra: Partial<Parameters<typeof message>[0]> = {}) =>
      coreEvent('core.message.received.v1', { conversationId: 'a', seq, message: message({ conversationId: 'a', createdAt: `2025-01-01T11:0${seq}:00.000Z`, ...extra }) });
    state = listReducer(state, { type: 'event', event: received(4) });
    state = listReducer(state, { type: 'event', event: received(4) });
    expect(state.items[0]!.unreadCount).toBe(2);
    state = listReducer(state, { type: 'read', conversationId: 'a' });
    expect(state.items[0]!.unreadCount).toBe(0);
    state = listReducer(state, { type: 'event', event: received(5), reading: true });
    expect(state.items[0]!.unreadCount).toBe(0);
    state = listReducer(state, { type: 'event', event: received(6) });
    expect(state.items[0]!.unreadCount).toBe(1);
    const unchanged = listReducer(state, { type: 'read', conversationId: 'nope' });
    expect(unchanged).toBe(state);
  });

  it('follows team, priority and labels, and drops rows that leave a filtered view', () => {
    const filter = { view: 'all' as const, status: 'open' as const, label: 'vip', sort: 'activity' as const };
    let state = loaded(filter, [conversation({ id: 'a', seq: 1, labels: ['vip'] }), conversation({ id: 'b', seq: 1, labels: ['vip'], lastActivityAt: '2025-01-01T08:00:00.000Z' })]);
    state = listReducer(state, { type: 'event', event: coreEvent('core.conversation.priority_changed.v1', { conversationId: 'a', seq: 2, priority: 'urgent', previous: null, actor }) });
    state = listReducer(state, { type: 'event', event: coreEvent('core.conversation.team_changed.v1', { conversationId: 'a', seq: 3, teamId: 'billing', previousTeamId: null, actor }) });
    expect(state.items[0]).toMatchObject({ id: 'a', priority: 'urgent', teamId: 'billing' });
    state = listReducer(state, { type: 'event', event: coreEvent('core.conversation.labels_changed.v1', { conversationId: 'b', seq: 2, labels: [], added: [], removed: ['vip'], actor }) });
    expect(state.items.map((c) => c.id)).toEqual(['a']);
    // Labelled elsewhere: it may belong here now, so it is fetched.
    const labelled = coreEvent('core.conversation.labels_changed.v1', { conversationId: 'x', seq: 4, labels: ['vip'], added: ['vip'], removed: [], actor });
    expect(needsFetch(state, labelled)).toBe(true);
    expect(needsFetch(state, coreEvent('core.conversation.labels_changed.v1', { conversationId: 'x', seq: 4, labels: ['other'], added: ['other'], removed: [], actor }))).toBe(false);
  });

  it('sorts longest-waiting first, with the conversations nobody waits in last, like the server', () => {
    const filter = { view: 'all' as const, sort: 'waiting' as const };
    const a = conversation({ id: 'a', waitingSince: '2025-01-01T09:00:00.000Z' });
    const b = conversation({ id: 'b', waitingSince: '2025-01-01T08:00:00.000Z' });
    const c = conversation({ id: 'c', waitingSince: null, lastActivityAt: '2025-01-01T12:00:00.000Z' });
    let state = listReducer(initialListState(filter, ME), { type: 'page-loaded', page: { items: [c, a, b], nextCursor: null }, replace: true });
    expect(state.items.map((x) => x.id)).toEqual(['b', 'a', 'c']);
    // Answered: b no longer waits and goes to the end.
    state = listReducer(state, { type: 'event', event: coreEvent('core.message.sent.v1', { conversationId: 'b', seq: 2, message: message({ conversationId: 'b', direction: 'outbound' }) }) });
    expect(state.items.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('leaves search results to the server: no row enters a search from an event', () => {
    const state = loaded({ view: 'all', q: 'refund', sort: 'activity' }, [conversation({ id: 'a', seq: 1 })]);
    const opened = coreEvent('core.conversation.opened.v1', { conversationId: 'n', seq: 1, contactId: 'k', status: 'open', leg: leg() });
    expect(listReducer(state, { type: 'event', event: opened })).toBe(state);
    expect(needsFetch(state, opened)).toBe(false);
    expect(needsFetch(state, coreEvent('core.message.received.v1', { conversationId: 'z', seq: 3, message: message({ conversationId: 'z' }) }))).toBe(false);
    // Rows that are there still update live.
    const next = listReducer(state, { type: 'event', event: coreEvent('core.message.received.v1', { conversationId: 'a', seq: 2, message: message({ conversationId: 'a', text: 'refund please' }) }) });
    expect(next.items[0]).toMatchObject({ lastMessageText: 'refund please', unreadCount: 1 });
  });

  it('moves rows to the surviving contact when two contacts are merged', () => {
    const state = loaded({ view: 'all', sort: 'activity' }, [conversation({ id: 'a', contactId: 'old' }), conversation({ id: 'b', contactId: 'other', lastActivityAt: '2025-01-01T08:00:00.000Z' })]);
    const next = listReducer(state, { type: 'contact-merged', survivorId: 'keep', mergedId: 'old', movedConversationIds: ['a'], survivorName: 'Dana R.' });
    expect(next.items[0]).toMatchObject({ contactId: 'keep', contact: { id: 'keep', name: 'Dana R.' } });
    expect(next.items[1]!.contactId).toBe('other');
  });

  it('adds a channel to the row when the conversation continues on another one', () => {
    let state = loaded({ view: 'all', sort: 'activity' }, [conversation({ id: 'a', seq: 1 })]);
    state = listReducer(state, { type: 'event', event: coreEvent('core.conversation.leg_added.v1', { conversationId: 'a', seq: 2, leg: leg({ id: 'leg2', channel: 'channel-sms' }) }) });
    expect(state.items[0]!.channels).toEqual(['channel-api', 'channel-sms']);
  });
});
