import { SendResponseSchema, UploadResponseSchema, type Attachment, type ServerMessage } from '../shared/webchat-protocol';
import { ChatError, isRetryable, TOKEN_ERRORS, type ChatClient } from './chat-client';
import { mergeMessages, type ChatMessage, type OwnStatus } from './chat-messages';
import type { ChatStorage, OutboxItem } from './chat-storage';
import type { ChatStore } from './chat-store';

/** What the outbox needs from the rest of the chat. */
export type OutboxDeps = {
  client: ChatClient;
  storage: ChatStorage;
  store: ChatStore;
  /** Whether the session is up and the browser online: only then does the outbox send. */
  canSend: () => boolean;
  /** The server stored a message (the ack's copy). */
  stored: (message: ServerMessage) => void;
  /** The token was refused: start a new session, which flushes again. */
  renewSession: () => void;
  /** The server wants the pre-chat form first. */
  preChatRequired: () => void;
  /** The outbox changed (the page's badge and "active" flag may follow). */
  changed: () => void;
};

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

/** A client id for a message: unique per visitor, the server's idempotency key (PROTOCOL.md §3.5). */
export function newEchoId(now = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `c-${now}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The bubble of an outbox item. */
export function pendingBubble(item: OutboxItem, status: OwnStatus): ChatMessage {
  return { key: item.echo_id, seq: null, author: 'visitor', name: null, text: item.text, attachments: item.attachments, quickReplies: null, status: item.failed ? 'failed' : status, createdAt: item.created_at };
}

/**
 * The visitor's messages on their way: kept in storage the moment they are written (so a reload
 * or a lost connection loses nothing), sent one at a time in order with their echo id, and
 * retried with backoff while the server is unreachable — the echo id makes a retry of a message
 * the server already stored a no-op. Written offline, they wait for the connection.
 *
 * @example
 * const outbox = createOutbox(deps);
 * outbox.add({ text: 'Hi', attachments: [], postback: null });
 */
export function createOutbox(deps: OutboxDeps) {
  let flushing = false;
  let again = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const items = () => deps.storage.outbox();
  const save = (next: OutboxItem[]) => {
    deps.storage.setOutbox(next);
    deps.changed();
  };
  const show = (item: OutboxItem, status: OwnStatus) => deps.store.set((s) => ({ messages: mergeMessages(s.messages, [pendingBubble(item, status)]) }));

  async function flush(): Promise<void> {
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    clearTimeout(timer);
    try {
      for (const item of items()) {
        if (item.failed) continue;
        if (!deps.canSend()) return;
        show(item, 'sending');
        try {
          const res = await deps.client.call('POST', 'v1/messages', { echo_id: item.echo_id, text: item.text, attachment_ids: item.attachments.map((a) => a.id), ...(item.postback ? { postback: item.postback } : {}) }, SendResponseSchema);
          save(items().filter((i) => i.echo_id !== item.echo_id));
          attempt = 0;
          deps.stored(res.message);
        } catch (err) {
          show(item, 'queued');
          if (err instanceof ChatError && TOKEN_ERRORS.has(err.code)) return deps.renewSession();
          if (err instanceof ChatError && err.code === 'SWB_ERR_WEBCHAT_PRECHAT_REQUIRED') return deps.preChatRequired();
          if (isRetryable(err)) {
            const wait = (err as ChatError).retryAfterMs ?? BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
            // Offline, the browser's `online` event flushes instead.
            if (navigator.onLine) timer = setTimeout(() => void flush(), wait);
            return;
          }
          // Refused for good (too long, bad attachment): keep it visible, with a manual retry.
          const failed = { ...item, failed: err instanceof ChatError ? err.code : 'SWB_WIDGET_ERROR' };
          save(items().map((i) => (i.echo_id === item.echo_id ? failed : i)));
          show(failed, 'failed');
        }
      }
    } finally {
      flushing = false;
      if (again) {
        again = false;
        void flush();
      }
    }
  }

  return {
    flush,
    /** Queues a message and sends it when it can. */
    add(message: { text: string; attachments: Attachment[]; postback: { payload: string; title: string } | null }): void {
      const item: OutboxItem = { echo_id: newEchoId(), created_at: new Date().toISOString(), failed: null, ...message };
      save([...items(), item]);
      show(item, deps.canSend() ? 'sending' : 'queued');
      void flush();
    },
    /** Tries a refused message again. */
    retry(echoId: string): void {
      const next = items().map((i) => (i.echo_id === echoId ? { ...i, failed: null } : i));
      save(next);
      const item = next.find((i) => i.echo_id === echoId);
      if (item) show(item, 'queued');
      void flush();
    },
    /** The outbox's bubbles (on start, and when another tab changed it). */
    bubbles(): ChatMessage[] {
      return items().map((i) => pendingBubble(i, 'queued'));
    },
    /** Whether anything waits to be sent. */
    pending: (): boolean => items().length > 0,
    /** Uploads a file for the next message (PROTOCOL.md §3.6). */
    async upload(file: File): Promise<Attachment> {
      const form = new FormData();
      form.append('file', file, file.name);
      return (await deps.client.call('POST', 'v1/uploads', form, UploadResponseSchema)).attachment;
    },
    stop: () => clearTimeout(timer),
  };
}

/** The outbox. */
export type Outbox = ReturnType<typeof createOutbox>;
