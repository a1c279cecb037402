import type { AttachmentRef } from '@switchboard/events';
import { ApiError } from '../api/api-error';
import type { Message } from '../api/api-types';
import { backoffDelay } from '../realtime/realtime-backoff';

/** A reply or note on its way to the server. */
export type OutboxEntry = {
  /** Generated once per message and kept across every retry: the server sends it only once. */
  clientMessageId: string;
  conversationId: string;
  kind: 'message' | 'note';
  text: string;
  attachments: AttachmentRef[];
  /** The leg a reply goes out on ("Reply via"); the server's choice when absent. */
  legId?: string | undefined;
  state: 'sending' | 'failed';
  error: string | null;
  /** Whether trying again can help (network, 5xx); a 4xx needs the agent to change something. */
  retryable: boolean;
  attempts: number;
  createdAt: string;
};

/** The two calls the outbox makes. */
export type OutboxApi = {
  sendMessage(conversationId: string, body: { clientMessageId: string; text: string; attachmentIds: string[]; legId?: string }): Promise<{ message: Message }>;
  addNote(conversationId: string, body: { clientMessageId: string; text: string }): Promise<{ note: Message }>;
};

/** Options of {@link createOutbox}. */
export type OutboxOptions = {
  api: OutboxApi;
  /** Where unsent entries survive a reload of the tab. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  newId?(): string;
  random?(): number;
  /** Automatic retries of a retryable failure before waiting for the agent. */
  maxAutoRetries?: number;
};

const STORAGE_KEY = 'switchboard.outbox';

/**
 * Sends replies and notes with a client-generated id that stays the same across retries, so a
 * request that reached the server but whose answer was lost is answered "duplicate" instead of
 * sending twice. Failures retry on their own with backoff (and when the browser comes back
 * online); entries stay visible as "sending" or "failed" bubbles until the server has the message.
 *
 * @example
 * const outbox = createOutbox({ api, storage: sessionStorage });
 * outbox.onSent((message) => conversation.addMessage(message));
 * outbox.send({ conversationId, kind: 'message', text: 'Hi', attachments: [] });
 */
export function createOutbox(options: OutboxOptions) {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const random = options.random ?? Math.random;
  const maxAuto = options.maxAutoRetries ?? 4;
  const listeners = new Set<() => void>();
  const sentListeners = new Set<(message: Message, entry: OutboxEntry) => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let entries: OutboxEntry[] = load();

  function load(): OutboxEntry[] {
    try {
      const raw = options.storage?.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }
  function commit(next: OutboxEntry[]): void {
    entries = next;
    try {
      options.storage?.setItem(STORAGE_KEY, JSON.stringify(entries));
    } catch {
      // not persisted: still sent from memory
    }
    for (const l of listeners) l();
  }
  function update(id: string, patch: Partial<OutboxEntry>): void {
    commit(entries.map((e) => (e.clientMessageId === id ? { ...e, ...patch } : e)));
  }

  async function attempt(id: string): Promise<void> {
    const entry = entries.find((e) => e.clientMessageId === id);
    if (!entry) return;
    clearTimer(id);
    update(id, { state: 'sending', error: null, attempts: entry.attempts + 1 });
    try {
      const message =
        entry.kind === 'note'
          ? (await options.api.addNote(entry.conversationId, { clientMessageId: id, text: entry.text })).note
          : (await options.api.sendMessage(entry.conversationId, { clientMessageId: id, text: entry.text, attachmentIds: entry.attachments.map((a) => a.id), ...(entry.legId ? { legId: entry.legId } : {}) })).message;
      commit(entries.filter((e) => e.clientMessageId !== id));
      for (const l of sentListeners) l(message, entry);
    } catch (err) {
      const retryable = !(err instanceof ApiError) || err.retryable;
      const current = entries.find((e) => e.clientMessageId === id);
      if (!current) return;
      update(id, { state: 'failed', error: err instanceof Error ? err.message : String(err), retryable });
      if (retryable && current.attempts <= maxAuto) {
        timers.set(id, setTimeout(() => void attempt(id), backoffDelay(current.attempts, random, { baseMs: 1000, maxMs: 20_000 })));
      }
    }
  }

  function clearTimer(id: string): void {
    const t = timers.get(id);
    if (t) clearTimeout(t);
    timers.delete(id);
  }

  return {
    /** Queues and sends; returns the entry with its clientMessageId. */
    send(input: { conversationId: string; kind: 'message' | 'note'; text: string; attachments: AttachmentRef[]; legId?: string | undefined }): OutboxEntry {
      const entry: OutboxEntry = { ...input, clientMessageId: newId(), state: 'sending', error: null, retryable: true, attempts: 0, createdAt: new Date().toISOString() };
      commit([...entries, entry]);
      void attempt(entry.clientMessageId);
      return entry;
    },
    /** Sends again with the same clientMessageId. */
    retry: (clientMessageId: string) => void attempt(clientMessageId),
    /** Re-sends every entry left from a previous page load or waiting after a network failure. */
    resume(): void {
      for (const e of entries) if (e.state === 'sending' || e.retryable) void attempt(e.clientMessageId);
    },
    discard(clientMessageId: string): void {
      clearTimer(clientMessageId);
      commit(entries.filter((e) => e.clientMessageId !== clientMessageId));
    },
    onSent(listener: (message: Message, entry: OutboxEntry) => void): () => void {
      sentListeners.add(listener);
      return () => sentListeners.delete(listener);
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): readonly OutboxEntry[] => entries,
  };
}

/** The tab's outbox. */
export type Outbox = ReturnType<typeof createOutbox>;
