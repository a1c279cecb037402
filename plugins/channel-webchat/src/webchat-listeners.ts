import { TYPING_SUBJECT, TypingSignalSchema, type CloudEvent, type CoreEventData } from '@switchboard/events';
import * as v from 'valibot';
import { VISITOR_SIGNAL_SUBJECT, VisitorSignalSchema, fanOut } from './webchat-fanout';
import { markDelivered } from './webchat-message-routes';
import type { WebchatRuntime } from './webchat-runtime';

/**
 * `core.conversation.read.v1` (an agent read a conversation up to a message) as far as the web
 * chat needs it. Read loosely, so additive changes to the core's event do not matter.
 */
const ConversationReadSchema = v.object({
  conversationId: v.string(),
  lastReadMessageId: v.optional(v.string()),
  at: v.optional(v.string()),
});

/**
 * Wires the plugin to the bus, in `setup`:
 * - visitor stream events from any server process (core NATS) go to the streams this process
 *   holds; an agent's message that reached a stream is reported `delivered`;
 * - agents' typing signals go to the streams of visitors in that conversation;
 * - a conversation's status change reaches its visitors, and a resolve offers them a rating;
 * - an agent reading the conversation moves the visitor's "read" watermark.
 *
 * @example
 * registerListeners(runtime);
 */
export function registerListeners(runtime: WebchatRuntime): void {
  const { bus, hub, visitors, messages, widgets, logger } = runtime;

  bus.onSignal(VISITOR_SIGNAL_SUBJECT, async (data) => {
    const parsed = v.safeParse(VisitorSignalSchema, data);
    if (!parsed.success) return;
    const { visitorId, stream } = parsed.output;
    const reached = hub.toVisitor(visitorId, stream);
    if (reached === 0 || stream.event !== 'message' || stream.data.author === 'visitor' || typeof stream.data.id !== 'string' || stream.id === undefined) return;
    await markDelivered(runtime, [{ seq: stream.id, id: stream.data.id, author: 'agent', delivered: false }]);
  });

  bus.onSignal(TYPING_SUBJECT, (data) => {
    const parsed = v.safeParse(TypingSignalSchema, data);
    // The visitor's own typing comes back on this subject too; agents' and bots' go out.
    if (!parsed.success || parsed.output.actor.kind === 'contact') return;
    const { conversationId, actor, typing } = parsed.output;
    hub.toConversation(conversationId, { event: 'typing', data: { typing, actor: { kind: actor.kind === 'agent' ? 'agent' : 'bot', name: actor.name } } });
  });

  bus.subscribe('conversation-status', {
    types: ['core.conversation.status_changed.v1'],
    handler: async (event) => {
      const { conversationId, to } = event.data as CoreEventData<'core.conversation.status_changed.v1'>;
      for (const visitor of await visitors.inConversation(conversationId)) {
        const widget = widgets.byId(visitor.widgetId);
        const offerRating = to === 'resolved' && widget?.csat.enabled === true && !(await messages.hasCsat(conversationId, visitor.id));
        await visitors.update(visitor.id, { conversationStatus: to, ...(offerRating ? { csatConversationId: conversationId } : {}) });
        fanOut(bus, visitor.id, { event: 'conversation.status', data: { conversation_id: conversationId, status: to } });
        if (offerRating) fanOut(bus, visitor.id, { event: 'csat.requested', data: { conversation_id: conversationId } });
      }
    },
  });

  bus.subscribe('agent-read', {
    types: ['core.conversation.read.v1'],
    handler: async (event: CloudEvent) => {
      const parsed = v.safeParse(ConversationReadSchema, event.data);
      if (!parsed.success) {
        logger.warn({ eventId: event.id }, 'ignored a core.conversation.read.v1 event without conversationId');
        return;
      }
      const { conversationId, lastReadMessageId } = parsed.output;
      const readUpTo = lastReadMessageId ? await messages.byId(lastReadMessageId) : null;
      for (const visitor of await visitors.inConversation(conversationId)) {
        // The agent read up to a message the visitor has (its seq), else up to a time (a message
        // of another leg, or none): everything the visitor wrote before counts as read.
        const upTo = readUpTo?.visitorId === visitor.id ? await messages.lastVisitorSeqUpTo(visitor.id, readUpTo.seq) : await messages.lastVisitorSeqAt(visitor.id, parsed.output.at ?? event.time);
        if (upTo > 0 && (await visitors.raiseAgentReadSeq(visitor.id, upTo))) fanOut(bus, visitor.id, { event: 'read', data: { agent_read_up_to_seq: upTo } });
      }
    },
  });
}
