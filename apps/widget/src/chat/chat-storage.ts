import type { Attachment } from '../shared/webchat-protocol';

/** A message the visitor wrote that the server has not confirmed yet. */
export type OutboxItem = {
  echo_id: string;
  text: string;
  attachments: Attachment[];
  postback: { payload: string; title: string } | null;
  created_at: string;
  /** A refusal that retrying cannot fix (the error code); the bubble offers a manual retry. */
  failed: string | null;
};

type SessionRecord = { visitor_key: string; token: string };
type OutboxRecord = { visitor_key: string; items: OutboxItem[] };

/**
 * The chat's own storage, on the chat server's origin (browsers partition it by the site that
 * embeds the chat, so each site gets its own): the session token, which never reaches the host
 * page, and the outbox, so messages written offline survive a reload. Both belong to one
 * visitor key — the random id the loader keeps in the site's first-party storage — so a reset on
 * the site (a new key) orphans them. Storage that throws (blocked third-party storage) falls
 * back to memory: the conversation then lasts as long as the page.
 *
 * @example
 * const store = createChatStorage(localStorage, 'wk_demo');
 * store.setToken('9f…', 'wcs_…');
 */
export function createChatStorage(storage: Storage | null, siteKey: string) {
  const memory = new Map<string, string>();
  const get = (name: string): string | null => {
    try {
      return storage ? storage.getItem(name) : (memory.get(name) ?? null);
    } catch {
      return memory.get(name) ?? null;
    }
  };
  const set = (name: string, value: string | null) => {
    try {
      if (!storage) throw new Error('no storage');
      if (value === null) storage.removeItem(name);
      else storage.setItem(name, value);
    } catch {
      if (value === null) memory.delete(name);
      else memory.set(name, value);
    }
  };
  const parse = <T>(text: string | null): T | null => {
    try {
      return JSON.parse(text ?? 'null') as T | null;
    } catch {
      return null;
    }
  };
  const sessionName = `swb_webchat:${siteKey}`;
  const outboxName = `swb_webchat_outbox:${siteKey}`;

  return {
    sessionName,
    outboxName,
    /** The stored token of this visitor, if any. */
    token(visitorKey: string): string | null {
      const record = parse<SessionRecord>(get(sessionName));
      return record?.visitor_key === visitorKey ? record.token : null;
    },
    /** The token stored for another visitor key (after a reset on the site), to revoke it. */
    orphanToken(visitorKey: string): string | null {
      const record = parse<SessionRecord>(get(sessionName));
      return record && record.visitor_key !== visitorKey ? record.token : null;
    },
    setToken(visitorKey: string, token: string | null): void {
      set(sessionName, token === null ? null : JSON.stringify({ visitor_key: visitorKey, token } satisfies SessionRecord));
    },
    outbox(visitorKey: string): OutboxItem[] {
      const record = parse<OutboxRecord>(get(outboxName));
      return record?.visitor_key === visitorKey && Array.isArray(record.items) ? record.items : [];
    },
    setOutbox(visitorKey: string, items: OutboxItem[]): void {
      set(outboxName, items.length === 0 ? null : JSON.stringify({ visitor_key: visitorKey, items } satisfies OutboxRecord));
    },
  };
}

/** The chat's storage. */
export type ChatStorage = ReturnType<typeof createChatStorage>;
