import { newId } from '@switchboard/events';
import type { PluginStorage, SqlValue } from '@switchboard/plugin-sdk';
import { newReplyToken, newThreadKey } from './email-address';

/** One email thread: the leg it maps to and how replies find it. */
export type EmailThread = {
  /** The secret in `reply+<token>@<reply domain>`. */
  token: string;
  /** The short key shown in subjects as `[#KEY]`. */
  threadKey: string;
  account: string;
  /** The leg's thread value in the core. */
  thread: string;
  contactEmail: string;
  /** The topic, without Re:/Fwd: prefixes and keys. */
  subject: string;
  conversationId: string | null;
};

/** A Message-ID the plugin sent or received. */
export type KnownMessageId = { messageId: string; token: string; direction: 'in' | 'out'; coreMessageId: string | null; refs: string[] };

/** A raw mail as stored on arrival. */
export type StoredMail = { id: string; account: string; source: string; raw: Buffer; envelope: unknown; state: string };

/** The Message-IDs kept in one References header; the first (the thread's root) is always kept. */
const MAX_REFERENCES = 20;

/**
 * The plugin's tables behind small named operations. Every write is idempotent, so a redelivered
 * event or a retried send can run it again.
 *
 * @example
 * const store = createEmailStore(ctx.storage);
 * const thread = await store.threadByToken(token);
 */
export function createEmailStore(storage: PluginStorage) {
  const mails = storage.table('mails');
  const threads = storage.table('threads');
  const ids = storage.table('message_ids');
  const imapSeen = storage.table('imap_seen');
  const now = () => new Date().toISOString();

  async function one(sql: string, args: SqlValue[]): Promise<Record<string, unknown> | undefined> {
    return (await storage.execute(sql, args)).rows[0];
  }

  function toThread(row: Record<string, unknown> | undefined): EmailThread | null {
    if (!row) return null;
    return {
      token: String(row.token),
      threadKey: String(row.thread_key),
      account: String(row.account),
      thread: String(row.thread),
      contactEmail: String(row.contact_email),
      subject: String(row.subject),
      conversationId: row.conversation_id == null ? null : String(row.conversation_id),
    };
  }

  function toKnown(row: Record<string, unknown> | undefined): KnownMessageId | null {
    if (!row) return null;
    return {
      messageId: String(row.message_id),
      token: String(row.token),
      direction: row.direction === 'out' ? 'out' : 'in',
      coreMessageId: row.core_message_id == null ? null : String(row.core_message_id),
      refs: JSON.parse(String(row.refs)) as string[],
    };
  }

  return {
    /** Stores a raw mail unless the account already has one with this key; says which happened. */
    async insertMail(input: { account: string; dedupeKey: string; source: string; raw: Buffer; envelope: unknown }): Promise<{ id: string; duplicate: boolean; state: string }> {
      const id = newId();
      const result = await storage.execute(
        `INSERT INTO ${mails} (id, account, dedupe_key, source, raw, envelope, state, received_at) VALUES (?, ?, ?, ?, ?, ?, 'received', ?) ON CONFLICT (account, dedupe_key) DO NOTHING`,
        [id, input.account, input.dedupeKey, input.source, new Uint8Array(input.raw), JSON.stringify(input.envelope ?? null), now()],
      );
      if (result.rowsAffected === 1) return { id, duplicate: false, state: 'received' };
      const row = await one(`SELECT id, state FROM ${mails} WHERE account = ? AND dedupe_key = ?`, [input.account, input.dedupeKey]);
      return { id: String(row?.id), duplicate: true, state: String(row?.state) };
    },

    async hasMail(account: string, dedupeKey: string): Promise<boolean> {
      return Boolean(await one(`SELECT 1 AS found FROM ${mails} WHERE account = ? AND dedupe_key = ?`, [account, dedupeKey]));
    },

    async mail(id: string): Promise<StoredMail | null> {
      const row = await one(`SELECT id, account, source, raw, envelope, state FROM ${mails} WHERE id = ?`, [id]);
      if (!row) return null;
      const raw = row.raw instanceof ArrayBuffer ? Buffer.from(row.raw) : Buffer.from(row.raw as Uint8Array);
      return { id: String(row.id), account: String(row.account), source: String(row.source), raw, envelope: JSON.parse(String(row.envelope ?? 'null')), state: String(row.state) };
    },

    /** Mails stored but not processed yet (their event may have been lost with a crash). */
    async pendingMails(olderThan: string, limit: number): Promise<Array<{ id: string; account: string }>> {
      const result = await storage.execute(`SELECT id, account FROM ${mails} WHERE state = 'received' AND received_at < ? ORDER BY received_at LIMIT ?`, [olderThan, limit]);
      return result.rows.map((r) => ({ id: String(r.id), account: String(r.account) }));
    },

    async finishMail(id: string, outcome: string, detail: string | null, coreMessageId: string | null = null): Promise<void> {
      await storage.execute(`UPDATE ${mails} SET state = 'processed', outcome = ?, detail = ?, core_message_id = ?, processed_at = ? WHERE id = ?`, [outcome, detail, coreMessageId, now(), id]);
    },

    async mailOutcome(id: string): Promise<{ state: string; outcome: string | null; detail: string | null; coreMessageId: string | null } | null> {
      const row = await one(`SELECT state, outcome, detail, core_message_id FROM ${mails} WHERE id = ?`, [id]);
      if (!row) return null;
      return { state: String(row.state), outcome: (row.outcome as string | null) ?? null, detail: (row.detail as string | null) ?? null, coreMessageId: (row.core_message_id as string | null) ?? null };
    },

    async threadByToken(token: string): Promise<EmailThread | null> {
      return toThread(await one(`SELECT * FROM ${threads} WHERE token = ?`, [token]));
    },

    async threadByKey(threadKey: string): Promise<EmailThread | null> {
      return toThread(await one(`SELECT * FROM ${threads} WHERE thread_key = ?`, [threadKey]));
    },

    async threadByLeg(account: string, thread: string): Promise<EmailThread | null> {
      return toThread(await one(`SELECT * FROM ${threads} WHERE account = ? AND thread = ?`, [account, thread]));
    },

    /**
     * Opens a thread. `thread` defaults to `<contact>#<key>`: one leg per email thread, yet the
     * contact's address stays visible in it. A leg the core opened keeps the core's value.
     */
    async createThread(input: { account: string; contactEmail: string; subject: string; thread?: string; conversationId?: string | null }): Promise<EmailThread> {
      for (let attempt = 0; ; attempt++) {
        const token = newReplyToken();
        const threadKey = newThreadKey();
        const thread = input.thread ?? `${input.contactEmail}#${threadKey}`;
        const result = await storage.execute(
          `INSERT INTO ${threads} (token, thread_key, account, thread, contact_email, subject, conversation_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [token, threadKey, input.account, thread, input.contactEmail, input.subject, input.conversationId ?? null, now()],
        );
        if (result.rowsAffected === 1) return { token, threadKey, account: input.account, thread, contactEmail: input.contactEmail, subject: input.subject, conversationId: input.conversationId ?? null };
        // Either a key collided (draw again) or another worker opened the same leg first (use it).
        if (input.thread) {
          const existing = toThread(await one(`SELECT * FROM ${threads} WHERE account = ? AND thread = ?`, [input.account, input.thread]));
          if (existing) return existing;
        }
        if (attempt >= 5) throw new Error(`channel-email: could not draw a free thread key after ${attempt + 1} attempts`);
      }
    },

    /** The newest thread of a conversation to an address on an account (continuity reuses it). */
    async threadOfConversation(account: string, contactEmail: string, conversationId: string): Promise<EmailThread | null> {
      return toThread(await one(`SELECT * FROM ${threads} WHERE account = ? AND contact_email = ? AND conversation_id = ? ORDER BY created_at DESC LIMIT 1`, [account, contactEmail, conversationId]));
    },

    async setConversation(token: string, conversationId: string): Promise<void> {
      await storage.execute(`UPDATE ${threads} SET conversation_id = ? WHERE token = ? AND (conversation_id IS NULL OR conversation_id <> ?)`, [conversationId, token, conversationId]);
    },

    /** Remembers a Message-ID on a thread; a repeat keeps the first row but fills a missing core id. */
    async rememberMessageId(input: { account: string; messageId: string; token: string; direction: 'in' | 'out'; coreMessageId: string | null; refs: string[] }): Promise<void> {
      await storage.batch([
        {
          sql: `INSERT INTO ${ids} (account, message_id, token, direction, core_message_id, refs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, message_id) DO NOTHING`,
          args: [input.account, input.messageId, input.token, input.direction, input.coreMessageId, JSON.stringify(input.refs), now()],
        },
        { sql: `UPDATE ${ids} SET core_message_id = ? WHERE account = ? AND message_id = ? AND core_message_id IS NULL`, args: [input.coreMessageId, input.account, input.messageId] },
      ]);
    },

    async knownMessageId(account: string, messageId: string): Promise<KnownMessageId | null> {
      return toKnown(await one(`SELECT * FROM ${ids} WHERE account = ? AND message_id = ?`, [account, messageId]));
    },

    /** The Message-ID we sent for a core message (bounces are matched back through it). */
    async sentMessageId(messageId: string): Promise<KnownMessageId | null> {
      return toKnown(await one(`SELECT * FROM ${ids} WHERE message_id = ? AND direction = 'out'`, [messageId]));
    },

    /** What an outbound mail on the thread answers: the newest received Message-ID, else the newest sent one. */
    async parentOf(token: string): Promise<KnownMessageId | null> {
      const inbound = await one(`SELECT * FROM ${ids} WHERE token = ? AND direction = 'in' ORDER BY created_at DESC, rowid DESC LIMIT 1`, [token]);
      if (inbound) return toKnown(inbound);
      return toKnown(await one(`SELECT * FROM ${ids} WHERE token = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`, [token]));
    },

    async hasInbound(token: string): Promise<boolean> {
      return Boolean(await one(`SELECT 1 AS found FROM ${ids} WHERE token = ? AND direction = 'in'`, [token]));
    },

    async imapSeen(account: string, mailbox: string, uidValidity: string, uid: number): Promise<boolean> {
      return Boolean(await one(`SELECT 1 AS found FROM ${imapSeen} WHERE account = ? AND mailbox = ? AND uid_validity = ? AND uid = ?`, [account, mailbox, uidValidity, uid]));
    },

    async markImapSeen(account: string, mailbox: string, uidValidity: string, uid: number, mailId: string | null): Promise<void> {
      await storage.execute(`INSERT INTO ${imapSeen} (account, mailbox, uid_validity, uid, mail_id, seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, [account, mailbox, uidValidity, uid, mailId, now()]);
    },
  };
}

/** The store's operations. */
export type EmailStore = ReturnType<typeof createEmailStore>;

/**
 * The References of a reply to `parent`: the parent's References plus its own id, without
 * repeats; the root and the newest ids are kept when the chain grows long.
 *
 * @example
 * referencesFor({ messageId: 'c@x', refs: ['a@x', 'b@x'] }); // ['a@x', 'b@x', 'c@x']
 */
export function referencesFor(parent: Pick<KnownMessageId, 'messageId' | 'refs'> | null): string[] {
  if (!parent) return [];
  const chain = [...new Set([...parent.refs, parent.messageId])];
  if (chain.length <= MAX_REFERENCES) return chain;
  return [chain[0]!, ...chain.slice(chain.length - (MAX_REFERENCES - 1))];
}
