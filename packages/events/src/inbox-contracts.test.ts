import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { coreCommands, coreEvents, isMessageName, LabelSetInputSchema, TypingSignalSchema, TYPING_SUBJECT, validateEventData } from './index';

describe('inbox contracts', () => {
  it('names every new event and command by the rules', () => {
    for (const name of [...Object.keys(coreEvents), ...Object.keys(coreCommands)]) expect(isMessageName(name), name).toBe(true);
    expect(Object.keys(coreEvents)).toEqual(
      expect.arrayContaining([
        'core.conversation.team_changed.v1',
        'core.conversation.priority_changed.v1',
        'core.conversation.labels_changed.v1',
        'core.agent.presence_changed.v1',
        'core.team.created.v1',
        'core.team.member_added.v1',
        'core.team.member_removed.v1',
      ]),
    );
    expect(TYPING_SUBJECT).toBe('switchboard.ephemeral.typing');
  });

  it('normalises a label set: trimmed, lower-cased, de-duplicated, at most 20 of 1–50 safe characters', () => {
    expect(v.parse(LabelSetInputSchema, [' VIP ', 'Late Delivery', 'vip', 'a_b-c'])).toEqual(['vip', 'late delivery', 'a_b-c']);
    expect(v.parse(LabelSetInputSchema, Array.from({ length: 25 }, () => 'same'))).toEqual(['same']);
    for (const bad of [[''], ['  '], ['emoji 🎉'], ['x'.repeat(51)], ['a/b'], Array.from({ length: 21 }, (_, i) => `l${i}`)]) {
      expect(v.safeParse(LabelSetInputSchema, bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });

  it('validates the new event data', () => {
    const actor = { kind: 'agent', id: 'a1' };
    expect(validateEventData('core.conversation.priority_changed.v1', { conversationId: 'c', seq: 2, priority: 'urgent', previous: null, actor }).success).toBe(true);
    expect(validateEventData('core.conversation.priority_changed.v1', { conversationId: 'c', seq: 2, priority: 'critical', previous: null, actor }).success).toBe(false);
    expect(validateEventData('core.conversation.labels_changed.v1', { conversationId: 'c', seq: 3, labels: ['Upper'], added: [], removed: [], actor }).success).toBe(false);
    expect(validateEventData('core.agent.presence_changed.v1', { agentId: 'a1', presence: 'away', previous: 'online' }).success).toBe(true);
    expect(v.safeParse(TypingSignalSchema, { conversationId: 'c', actor: { kind: 'contact', id: 'k', name: null }, typing: true }).success).toBe(true);
  });

  it('validates a read receipt: no sequence number, a message it reached', () => {
    const read = { conversationId: 'c', agentId: 'a1', lastReadMessageId: 'm9', at: '2025-01-01T10:00:00.000Z' };
    expect(validateEventData('core.conversation.read.v1', read).success).toBe(true);
    expect(validateEventData('core.conversation.read.v1', { ...read, lastReadMessageId: null }).success).toBe(false);
    expect(validateEventData('core.conversation.read.v1', { ...read, agentId: '' }).success).toBe(false);
  });
});
