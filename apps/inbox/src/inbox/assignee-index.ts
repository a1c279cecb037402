import type { Conversation } from '../api/api-types';
import type { ConversationEvent } from '../realtime/core-event';

/**
 * Who each conversation the tab has come across is assigned to, so a new customer message can be
 * told apart as "mine" (notify) without loading every conversation of mine up front. Learned from
 * list pages and details, kept current by assignment events; a conversation not seen yet is asked
 * for once.
 *
 * @example
 * const index = createAssigneeIndex((id) => api.getConversation(id));
 * index.learn(page.items);
 * if ((await index.lookup(id)) === me.id) notify();
 */
export function createAssigneeIndex(fetch: (conversationId: string) => Promise<Pick<Conversation, 'id' | 'assigneeId' | 'seq'>>) {
  const known = new Map<string, { assigneeId: string | null; seq: number }>();
  const inFlight = new Map<string, Promise<string | null>>();

  function set(id: string, assigneeId: string | null, seq: number): void {
    const current = known.get(id);
    if (current && current.seq > seq) return;
    known.set(id, { assigneeId, seq });
  }

  return {
    /** Takes what a page or a detail says (older news never overwrites newer). */
    learn(items: ReadonlyArray<Pick<Conversation, 'id' | 'assigneeId' | 'seq'>>): void {
      for (const c of items) set(c.id, c.assigneeId, c.seq);
    },
    /** Follows assignment events. */
    apply(event: ConversationEvent): void {
      const { conversationId, seq } = event.data;
      if (event.type === 'core.conversation.assigned.v1') set(conversationId, event.data.agentId, seq);
      else if (event.type === 'core.conversation.unassigned.v1' || event.type === 'core.conversation.opened.v1') set(conversationId, null, seq);
      else {
        const current = known.get(conversationId);
        if (current && seq > current.seq) known.set(conversationId, { ...current, seq });
      }
    },
    /** The assignee, from memory or asked for once. */
    lookup(conversationId: string): Promise<string | null> {
      const current = known.get(conversationId);
      if (current) return Promise.resolve(current.assigneeId);
      let pending = inFlight.get(conversationId);
      if (!pending) {
        pending = fetch(conversationId)
          .then((c) => {
            set(c.id, c.assigneeId, c.seq);
            return known.get(conversationId)?.assigneeId ?? null;
          })
          .finally(() => inFlight.delete(conversationId));
        inFlight.set(conversationId, pending);
      }
      return pending;
    },
    /** What is known without asking (undefined when unknown). */
    peek: (conversationId: string): string | null | undefined => known.get(conversationId)?.assigneeId,
  };
}

/** The assignee index. */
export type AssigneeIndex = ReturnType<typeof createAssigneeIndex>;
