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
    let state = loaded({ view: 'all' }, [newer, older]);
    const msg = message({ conversationId: 'a', text: 'Where is\nmy order?', createdAt: '2025-01-01T10:00:00.000Z' });
    state = listReducer(state, { type: 'event', event: coreEvent('core.message.received.v1', { conversationId: 'a', seq: 5, message: msg }) });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b']);
    expect(state.items[0]).toMatchObject({ lastMessageText: 'Where is my order?', waitingSince: '2025-01-01T10:00:00.000Z', seq: 5 });
  });

  it('applies an event once: a replayed or already-fetched event changes nothing', () => {
    let state = loaded({ view: 'all' }, [conversation({ id: 'a', seq: 3 })]);
    const event = coreEvent('core.message.sent.v1', { conversationId: 'a', seq: 4, message: message({ conversationId: 'a', direction: 'outbound', text: 'On its way' }) });
    state = listReducer(state, { type: 'event', event });
    const again = listReducer(state, { type: 'event', event });
    expect(again).toBe(state);
    const stale = listReducer(state, { type: 'event', event: coreEvent('core.conversation.assigned.v1', { conversationId: 'a', seq: 2, agentId: ME, previousAgentId: null, actor }) });
    expect(stale.items[0]!.assigneeId).toBeNull();
  });

  it('adds a newly opened conversation and leaves it out of views it does not belong to', () => {
    const opened = coreEvent('core.conversation.opened.v1', { conversationId: 'n', seq: 1, contactId: 'k', status: 'open', leg: leg() }, { time: '2025-01-02T00:00:00.000Z' });
    const all = listReducer(loaded({ view: 'all' }), { type: 'event', event: opened });
    expect(all.items[0]).toMatchObject({ id: 'n', status: 'open', assigneeId: null, lastActivityAt: '2025-01-02T00:00:00.000Z' });
    const mine = listReducer(loaded({ view: 'mine' }, []), { type: 'event', event: opened });
    expect(mine.items).toHaveLength(0);
  });

  it('drops a row that no longer matches the view after assignment or a status change', () => {
    let unassigned = loaded({ view: 'unassigned', status: 'open' }, [conversation({ id: 'a', seq: 1 }), conversation({ id: 'b', seq: 1, lastActivityAt: '2025-01-01T08:00:00.000Z' })]);
    unassigned = listReducer(unassigned, { type: 'event', event: coreEvent('core.conversation.assigned.v1', { conversationId: 'a', seq: 2, agentId: ME, previousAgentId: null, actor }) });
    expect(unassigned.items.map((c) => c.id)).toEqual(['b']);
    unassigned = listReducer(unassigned, {
      type: 'event',
      event: coreEvent('core.conversation.status_changed.v1', { conversationId: 'b', seq: 2, from: 'open', to: 'resolved', snoozedUntil: null, actor }),
    });
    expect(unassigned.items).toHaveLength(0);
  });

  it('asks for the conversation when an event may bring it into the view or when events were missed', () => {
    const state = loaded({ view: 'mine' }, [conversation({ id: 'a', assigneeId: ME, seq: 3 })]);
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
    let state = loaded({ view: 'all' }, [a, b], 'cursor-1');
    const old = conversation({ id: 'old', lastActivityAt: '2025-01-01T01:00:00.000Z' });
    state = listReducer(state, { type: 'upsert', conversation: old });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b']);
    state = listReducer(state, { type: 'page-loaded', page: { items: [b, old], nextCursor: null }, replace: false });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b', 'old']);
    expect(state.complete).toBe(true);
  });
});
