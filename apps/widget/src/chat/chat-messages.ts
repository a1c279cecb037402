import type { Attachment, ServerMessage } from '../shared/webchat-protocol';

/** Where a visitor's own message is: waiting in the outbox, on the wire, stored, read by an agent, refused. */
export type OwnStatus = 'queued' | 'sending' | 'sent' | 'read' | 'failed';

/** A bubble of the timeline: a stored message, or one of the visitor's still in the outbox. */
export type ChatMessage = {
  /** Stable across the optimistic → stored swap: the echo id for the visitor's, the server id otherwise. */
  key: string;
  /** The server's order; null while only in the outbox. */
  seq: number | null;
  author: ServerMessage['author'];
  name: string | null;
  text: string;
  attachments: Attachment[];
  quickReplies: { title: string; payload: string }[] | null;
  status: OwnStatus;
  createdAt: string;
};

/**
 * A stored message as a bubble.
 *
 * @example
 * fromServer(message).key; // its echo_id when it is the visitor's, else its id
 */
export function fromServer(m: ServerMessage): ChatMessage {
  return {
    key: m.echo_id ?? m.id,
    seq: m.seq,
    author: m.author,
    name: m.sender.name,
    text: m.text,
    attachments: m.attachments,
    quickReplies: m.quick_replies && m.quick_replies.length > 0 ? m.quick_replies : null,
    status: m.author === 'visitor' && m.status === 'read' ? 'read' : 'sent',
    createdAt: m.created_at,
  };
}

/**
 * Adds or replaces bubbles by key: a stored message replaces its optimistic twin, a message
 * seen twice (history and stream) shows once. Stored messages sort by seq; the outbox's follow
 * in the order they were written. A stored message never goes back to pending.
 *
 * @example
 * const next = mergeMessages(current, history.messages.map(fromServer));
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byKey = new Map(current.map((m) => [m.key, m]));
  for (const m of incoming) {
    const existing = byKey.get(m.key);
    if (existing && existing.seq !== null && m.seq === null) continue;
    // A read receipt arrives before a (re)fetch that still says "sent": keep the furthest.
    const status = existing?.status === 'read' && m.status === 'sent' ? 'read' : m.status;
    byKey.set(m.key, { ...m, status });
  }
  const all = [...byKey.values()];
  const stored = all.filter((m) => m.seq !== null).sort((a, b) => a.seq! - b.seq!);
  const pending = all.filter((m) => m.seq === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return [...stored, ...pending];
}

/**
 * Marks the visitor's stored messages up to the agents' read watermark as read.
 *
 * @example
 * applyAgentRead(messages, 118);
 */
export function applyAgentRead(messages: readonly ChatMessage[], upToSeq: number): ChatMessage[] {
  return messages.map((m) => (m.author === 'visitor' && m.seq !== null && m.seq <= upToSeq && m.status === 'sent' ? { ...m, status: 'read' } : m));
}

/** The highest stored seq, 0 when there is none. */
export function lastSeq(messages: readonly ChatMessage[]): number {
  return messages.reduce((max, m) => (m.seq !== null && m.seq > max ? m.seq : max), 0);
}

/**
 * How many agent and bot messages came after the visitor's seen watermark.
 *
 * @example
 * unreadCount(messages, session.read_up_to_seq);
 */
export function unreadCount(messages: readonly ChatMessage[], readUpToSeq: number): number {
  return messages.filter((m) => (m.author === 'agent' || m.author === 'bot') && m.seq !== null && m.seq > readUpToSeq).length;
}

/**
 * Initials for an avatar: "Alex Morgan" → "AM", "alex" → "A".
 *
 * @example
 * initials('Ana-Maria Pop'); // 'AP'
 */
export function initials(name: string | null): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
