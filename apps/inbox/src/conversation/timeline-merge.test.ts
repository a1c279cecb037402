import { describe, expect, it } from 'vitest';
import { asConversationEvent } from '../realtime/core-event';
import { coreEvent, leg, message } from '../testing/fixtures';
import { applyTimelineEvent, buildTimeline, hasGap, timelineItems, upsertMessage } from './timeline-merge';

const C = 'conv1';
const actor = { kind: 'agent' as const, id: 'agent1' };

describe('timeline merge', () => {
  const inbound = message({ id: 'm1', conversationId: C, text: 'Hi, my parcel?' });
  const reply = message({ id: 'm2', conversationId: C, direction: 'outbound', sender: { kind: 'agent', id: 'agent1', name: 'Ada' }, delivery: { state: 'queued', error: null } });
  const note = message({ id: 'm3', conversationId: C, private: true, direction: 'outbound', text: 'VIP customer' });
  const events = [
    coreEvent('core.conversation.opened.v1', { conversationId: C, seq: 1, contactId: 'k', status: 'open', leg: leg() }),
    coreEvent('core.message.received.v1', { conversationId: C, seq: 2, message: inbound }),
    coreEvent('core.conversation.assigned.v1', { conversationId: C, seq: 3, agentId: 'agent1', previousAgentId: null, actor }),
    coreEvent('core.note.added.v1', { conversationId: C, seq: 4, note }),
    coreEvent('core.message.sent.v1', { conversationId: C, seq: 5, message: reply }),
    coreEvent('core.message.delivery_updated.v1', { conversationId: C, seq: 6, messageId: 'm2', previousState: 'queued', state: 'delivered', providerMessageId: 'p-1', error: null }),
  ];

  it('orders messages, notes and system events by the conversation sequence', () => {
    const state = buildTimeline(C, [inbound, note, reply], events);
    expect(timelineItems(state).map((i) => (i.kind === 'message' ? i.message.id : i.event.type))).toEqual([
      'core.conversation.opened.v1',
      'm1',
      'core.conversation.assigned.v1',
      'm3',
      'm2',
    ]);
    expect(state.lastSeq).toBe(6);
  });

  it('never moves a delivery state back, whichever source is newer', () => {
    const fetchedRead = { ...reply, delivery: { state: 'read' as const, error: null } };
    const state = buildTimeline(C, [inbound, note, fetchedRead], events);
    expect(state.messages.get('m2')!.delivery.state).toBe('read');
    const fromEventsOnly = buildTimeline(C, [], events);
    expect(fromEventsOnly.messages.get('m2')).toMatchObject({ delivery: { state: 'delivered' }, providerMessageId: 'p-1' });
  });

  it('shows a message exactly once when the send response, the live event and a refetch all bring it', () => {
    let state = buildTimeline(C, [inbound], events.slice(0, 2));
    const sent = message({ id: 'm9', conversationId: C, direction: 'outbound', clientMessageId: 'client-1', delivery: { state: 'queued', error: null } });
    state = upsertMessage(state, sent);
    const live = coreEvent('core.message.sent.v1', { conversationId: C, seq: 3, message: sent });
    state = applyTimelineEvent(state, live);
    state = applyTimelineEvent(state, live);
    state = buildTimeline(C, [inbound, sent], [...events.slice(0, 2), live]);
    const ids = timelineItems(state).filter((i) => i.kind === 'message').map((i) => (i.kind === 'message' ? i.message.id : ''));
    expect(ids).toEqual(['m1', 'm9']);
  });

  it('places a just-sent message after everything known until its event arrives', () => {
    let state = buildTimeline(C, [inbound], events.slice(0, 3));
    state = upsertMessage(state, message({ id: 'zz-sending', conversationId: C, direction: 'outbound' }));
    const items = timelineItems(state);
    expect(items[items.length - 1]).toMatchObject({ kind: 'message', key: 'zz-sending' });
  });

  it('detects a gap so the missing events can be fetched first', () => {
    const state = buildTimeline(C, [], events.slice(0, 2));
    expect(hasGap(state, events[2]!)).toBe(false);
    expect(hasGap(state, events[4]!)).toBe(true);
    expect(hasGap(state, coreEvent('core.note.added.v1', { conversationId: 'other', seq: 99, note }))).toBe(false);
  });

  it('counts events it does not show (a newer core, a plugin), so later events are not taken for a gap', () => {
    const labels = asConversationEvent({ ...events[0]!, id: 'x', type: 'click-to-call.call.started.v1', data: { conversationId: C, seq: 7, callId: 'c1' } } as never)!;
    const state = applyTimelineEvent(buildTimeline(C, [], events), labels);
    expect(state.lastSeq).toBe(7);
    expect(timelineItems(state)).toHaveLength(timelineItems(buildTimeline(C, [], events)).length);
    expect(hasGap(state, coreEvent('core.conversation.unassigned.v1', { conversationId: C, seq: 8, previousAgentId: 'agent1', actor }))).toBe(false);
  });

  it('ignores events of other conversations', () => {
    const state = buildTimeline(C, [], events);
    const other = applyTimelineEvent(state, coreEvent('core.conversation.unassigned.v1', { conversationId: 'x', seq: 7, previousAgentId: 'a', actor }));
    expect(other).toBe(state);
  });

  it('shows team, priority and label changes inline', () => {
    const state = buildTimeline(C, [], [
      ...events,
      coreEvent('core.conversation.team_changed.v1', { conversationId: C, seq: 7, teamId: 't1', previousTeamId: null, actor }),
      coreEvent('core.conversation.priority_changed.v1', { conversationId: C, seq: 8, priority: 'high', previous: null, actor }),
      coreEvent('core.conversation.labels_changed.v1', { conversationId: C, seq: 9, labels: ['vip'], added: ['vip'], removed: [], actor }),
    ]);
    const system = timelineItems(state).filter((i) => i.kind === 'system').map((i) => (i.kind === 'system' ? i.event.type : ''));
    expect(system.slice(-3)).toEqual(['core.conversation.team_changed.v1', 'core.conversation.priority_changed.v1', 'core.conversation.labels_changed.v1']);
  });

  it('follows a retried message from failed back to queued and on, whatever the fetched copy said', () => {
    const failed = coreEvent('core.message.delivery_updated.v1', { conversationId: C, seq: 7, messageId: 'm2', previousState: 'delivered', state: 'failed', providerMessageId: null, error: { code: 'x', message: 'bounced', retryable: true } });
    const requeued = coreEvent('core.message.delivery_updated.v1', { conversationId: C, seq: 8, messageId: 'm2', previousState: 'failed', state: 'queued', providerMessageId: null, error: null });
    const sentAgain = coreEvent('core.message.delivery_updated.v1', { conversationId: C, seq: 9, messageId: 'm2', previousState: 'queued', state: 'sent', providerMessageId: 'p-2', error: null });
    // Live: failed, then the agent retries.
    let state = buildTimeline(C, [inbound, note, reply], [...events, failed]);
    expect(state.messages.get('m2')!.delivery).toMatchObject({ state: 'failed', error: { message: 'bounced' } });
    state = applyTimelineEvent(state, requeued);
    expect(state.messages.get('m2')!.delivery).toEqual({ state: 'queued', error: null });
    state = applyTimelineEvent(state, sentAgain);
    expect(state.messages.get('m2')!.delivery.state).toBe('sent');
    // A reload that fetched the message after the retry but the events before it.
    const fetchedQueued = { ...reply, delivery: { state: 'queued' as const, error: null } };
    let reloaded = buildTimeline(C, [inbound, note, fetchedQueued], [...events, failed]);
    expect(reloaded.messages.get('m2')!.delivery.state).toBe('failed');
    reloaded = applyTimelineEvent(applyTimelineEvent(reloaded, requeued), sentAgain);
    expect(reloaded.messages.get('m2')!.delivery.state).toBe('sent');
    // Everything fetched at once ends where the last event says.
    const all = buildTimeline(C, [inbound, note, { ...reply, delivery: { state: 'sent' as const, error: null } }], [...events, failed, requeued, sentAgain]);
    expect(all.messages.get('m2')!.delivery.state).toBe('sent');
  });
});
