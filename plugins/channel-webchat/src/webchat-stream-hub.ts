import type { StreamEvent } from './webchat-fanout';

/** One open event stream of a visitor in this process. */
export type StreamClient = {
  visitorId: string;
  /** The conversation the visitor is in, for routing agents' typing; updated as messages pass. */
  conversationId: string | null;
  send(event: StreamEvent): void;
  close(): void;
};

/**
 * The streams this process holds, by visitor and by conversation. Only local connections live
 * here; what another process needs (messages, watermarks) is in the database and crosses NATS.
 * A visitor may keep a few streams (tabs); past `maxPerVisitor` the oldest is closed.
 *
 * @example
 * const hub = createStreamHub(5);
 * const remove = hub.add(client);
 * hub.toVisitor(visitorId, { event: 'message', id: 12, data });
 */
export function createStreamHub(maxPerVisitor: number) {
  const byVisitor = new Map<string, StreamClient[]>();

  return {
    /** Registers a stream; returns its removal. */
    add(client: StreamClient): () => void {
      const list = byVisitor.get(client.visitorId) ?? [];
      list.push(client);
      byVisitor.set(client.visitorId, list);
      while (list.length > maxPerVisitor) list.shift()?.close();
      return () => {
        const current = byVisitor.get(client.visitorId);
        if (!current) return;
        const rest = current.filter((c) => c !== client);
        if (rest.length > 0) byVisitor.set(client.visitorId, rest);
        else byVisitor.delete(client.visitorId);
      };
    },
    /** Sends to the visitor's streams here; returns how many got it. */
    toVisitor(visitorId: string, event: StreamEvent): number {
      const list = byVisitor.get(visitorId) ?? [];
      const conversationId = typeof event.data.conversation_id === 'string' ? event.data.conversation_id : null;
      for (const client of list) {
        if (conversationId !== null) client.conversationId = conversationId;
        client.send(event);
      }
      return list.length;
    },
    /** Sends to every stream here whose visitor is in the conversation. */
    toConversation(conversationId: string, event: StreamEvent): number {
      let sent = 0;
      for (const list of byVisitor.values()) {
        for (const client of list) {
          if (client.conversationId !== conversationId) continue;
          client.send(event);
          sent += 1;
        }
      }
      return sent;
    },
    /** Open streams in this process. */
    count(): number {
      let n = 0;
      for (const list of byVisitor.values()) n += list.length;
      return n;
    },
    /** Ends every stream (the plugin is stopping); clients reconnect to another process. */
    closeAll(): void {
      for (const list of [...byVisitor.values()]) for (const client of [...list]) client.close();
      byVisitor.clear();
    },
  };
}

/** The stream hub's interface. */
export type StreamHub = ReturnType<typeof createStreamHub>;
