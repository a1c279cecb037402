import { describe, expect, it, vi } from 'vitest';
import { coreEvent } from '../testing/fixtures';
import { createAssigneeIndex } from './assignee-index';

const actor = { kind: 'agent' as const, id: 'a1' };

describe('assignee index', () => {
  it('knows from pages and events, and asks once for a conversation it has not seen', async () => {
    const fetch = vi.fn(async (id: string) => ({ id, assigneeId: 'a2', seq: 4 }));
    const index = createAssigneeIndex(fetch);
    index.learn([{ id: 'c1', assigneeId: null, seq: 3 }]);
    index.apply(coreEvent('core.conversation.assigned.v1', { conversationId: 'c1', seq: 4, agentId: 'me', previousAgentId: null, actor }));
    expect(await index.lookup('c1')).toBe('me');
    // An older page does not undo the assignment.
    index.learn([{ id: 'c1', assigneeId: null, seq: 3 }]);
    expect(index.peek('c1')).toBe('me');
    const [a, b] = await Promise.all([index.lookup('c9'), index.lookup('c9')]);
    expect([a, b]).toEqual(['a2', 'a2']);
    expect(fetch).toHaveBeenCalledTimes(1);
    index.apply(coreEvent('core.conversation.unassigned.v1', { conversationId: 'c9', seq: 5, previousAgentId: 'a2', actor }));
    expect(await index.lookup('c9')).toBeNull();
  });
});
