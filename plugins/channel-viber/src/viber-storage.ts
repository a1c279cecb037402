import type { PluginMigration, PluginStorage } from '@switchboard/plugin-sdk';

/**
 * The plugin's own tables:
 * - `callbacks`: every verified callback as received (raw body), keyed by bot and event+token,
 *   so a resent callback is processed once and any callback can be replayed after a parser fix;
 * - `subscribers`: each user's subscription state as the latest callback said (Viber has no
 *   API to list subscribers), with the deep-link context of their last conversation start;
 * - `sent`: the message tokens of every part of every outbound message, per user, so receipts
 *   find their message and a `seen` watermark covers every earlier message of the thread;
 * - `quick_replies`: the keyboard buttons offered to a user, so a tap maps back to its payload.
 *
 * @example
 * definePlugin({ ..., migrations: viberMigrations });
 */
export const viberMigrations: PluginMigration[] = [
  {
    id: '001_tables',
    sql: (t) => [
      `CREATE TABLE ${t('callbacks')} (account TEXT NOT NULL, callback_key TEXT NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL, processed_at INTEGER, PRIMARY KEY (account, callback_key))`,
      `CREATE INDEX ${t('callbacks_received')} ON ${t('callbacks')} (received_at)`,
      `CREATE TABLE ${t('subscribers')} (account TEXT NOT NULL, user_id TEXT NOT NULL, state TEXT NOT NULL, changed_at INTEGER NOT NULL, context TEXT, PRIMARY KEY (account, user_id))`,
      `CREATE TABLE ${t('sent')} (account TEXT NOT NULL, token TEXT NOT NULL, message_id TEXT NOT NULL, part INTEGER NOT NULL, primary_token TEXT NOT NULL, thread TEXT NOT NULL, sent_at INTEGER NOT NULL, seen INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (account, token))`,
      `CREATE UNIQUE INDEX ${t('sent_parts')} ON ${t('sent')} (message_id, part)`,
      `CREATE INDEX ${t('sent_thread')} ON ${t('sent')} (account, thread, sent_at)`,
      `CREATE TABLE ${t('quick_replies')} (account TEXT NOT NULL, thread TEXT NOT NULL, title TEXT NOT NULL, payload TEXT NOT NULL, offered_at INTEGER NOT NULL, PRIMARY KEY (account, thread, title))`,
    ],
  },
];

/** Where a callback stands in the plugin's log. */
export type CallbackLogState = 'new' | 'pending' | 'processed';

/** A user's subscription as the plugin last heard it. */
export type SubscriptionState = 'subscribed' | 'unsubscribed' | 'not_subscribed';

/** The plugin's tables, as operations. */
export type ViberStore = ReturnType<typeof createViberStore>;

/**
 * Operations on the plugin's tables over `ctx.storage`, shared by every instance of the server.
 *
 * @example
 * const store = createViberStore(ctx.storage);
 * await store.setSubscription('support', userId, 'unsubscribed', callback.timestamp);
 */
export function createViberStore(storage: PluginStorage) {
  const callbacks = storage.table('callbacks');
  const subscribers = storage.table('subscribers');
  const sent = storage.table('sent');
  const quickReplies = storage.table('quick_replies');

  async function isProcessed(account: string, key: string): Promise<boolean> {
    const { rows } = await storage.execute(`SELECT processed_at FROM ${callbacks} WHERE account = ? AND callback_key = ?`, [account, key]);
    return rows[0] !== undefined && rows[0].processed_at != null;
  }

  return {
    /** Records a verified callback: `new`, `pending` (seen before, not processed yet) or `processed`. */
    async logCallback(account: string, key: string, body: string, now = Date.now()): Promise<CallbackLogState> {
      const inserted = await storage.execute(`INSERT OR IGNORE INTO ${callbacks} (account, callback_key, body, received_at) VALUES (?, ?, ?, ?)`, [account, key, body, now]);
      if (inserted.rowsAffected === 1) return 'new';
      return (await isProcessed(account, key)) ? 'processed' : 'pending';
    },
    isProcessed,
    async markProcessed(account: string, key: string, now = Date.now()): Promise<void> {
      await storage.execute(`UPDATE ${callbacks} SET processed_at = ? WHERE account = ? AND callback_key = ?`, [now, account, key]);
    },
    /** Applies a subscription change unless a later callback already said otherwise (callbacks arrive out of order). */
    async setSubscription(account: string, userId: string, state: SubscriptionState, at: number, context?: string): Promise<void> {
      await storage.batch([
        { sql: `INSERT OR IGNORE INTO ${subscribers} (account, user_id, state, changed_at, context) VALUES (?, ?, ?, ?, ?)`, args: [account, userId, state, at, context ?? null] },
        {
          sql: `UPDATE ${subscribers} SET state = ?, changed_at = ?, context = COALESCE(?, context) WHERE account = ? AND user_id = ? AND changed_at < ?`,
          args: [state, at, context ?? null, account, userId, at],
        },
      ]);
    },
    async subscription(account: string, userId: string): Promise<{ state: SubscriptionState; changedAt: number; context: string | null } | null> {
      const { rows } = await storage.execute(`SELECT state, changed_at, context FROM ${subscribers} WHERE account = ? AND user_id = ?`, [account, userId]);
      const row = rows[0];
      return row ? { state: row.state as SubscriptionState, changedAt: Number(row.changed_at), context: typeof row.context === 'string' ? row.context : null } : null;
    },
    /** The tokens of the parts of an outbound message sent so far, by part index. */
    async sentParts(messageId: string): Promise<Map<number, string>> {
      const { rows } = await storage.execute(`SELECT part, token FROM ${sent} WHERE message_id = ?`, [messageId]);
      return new Map(rows.map((row) => [Number(row.part), String(row.token)]));
    },
    async recordSent(input: { account: string; token: string; messageId: string; part: number; primaryToken: string; thread: string }, now = Date.now()): Promise<void> {
      await storage.execute(`INSERT OR REPLACE INTO ${sent} (account, token, message_id, part, primary_token, thread, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        input.account,
        input.token,
        input.messageId,
        input.part,
        input.primaryToken,
        input.thread,
        now,
      ]);
    },
    /** The first part's token of the outbound message a token belongs to, or null for a token the plugin did not send. */
    async primaryToken(account: string, token: string): Promise<string | null> {
      const { rows } = await storage.execute(`SELECT primary_token FROM ${sent} WHERE account = ? AND token = ?`, [account, token]);
      return typeof rows[0]?.primary_token === 'string' ? rows[0].primary_token : null;
    },
    /**
     * Marks every message sent to the user up to the seen one (or up to `fallbackAt` when the
     * token is unknown) as seen, and returns their first-part tokens that were not seen before.
     */
    async seeUpTo(account: string, thread: string, token: string, fallbackAt: number): Promise<string[]> {
      const { rows: marks } = await storage.execute(`SELECT sent_at FROM ${sent} WHERE account = ? AND token = ?`, [account, token]);
      const upTo = marks[0] ? Number(marks[0].sent_at) : fallbackAt;
      const { rows } = await storage.execute(
        `SELECT DISTINCT primary_token FROM ${sent} WHERE account = ? AND thread = ? AND sent_at <= ? AND seen = 0 ORDER BY sent_at`,
        [account, thread, upTo],
      );
      await storage.execute(`UPDATE ${sent} SET seen = 1 WHERE account = ? AND thread = ? AND sent_at <= ?`, [account, thread, upTo]);
      return rows.map((row) => String(row.primary_token));
    },
    async offerQuickReplies(account: string, thread: string, replies: Array<{ title: string; payload: string }>, now = Date.now()): Promise<void> {
      if (replies.length === 0) return;
      await storage.batch(
        replies.map((reply) => ({
          sql: `INSERT OR REPLACE INTO ${quickReplies} (account, thread, title, payload, offered_at) VALUES (?, ?, ?, ?, ?)`,
          args: [account, thread, reply.title, reply.payload, now],
        })),
      );
    },
    async quickReplyByTitle(account: string, thread: string, title: string): Promise<{ title: string; payload: string } | null> {
      const { rows } = await storage.execute(`SELECT title, payload FROM ${quickReplies} WHERE account = ? AND thread = ? AND title = ?`, [account, thread, title]);
      const row = rows[0];
      return row && typeof row.payload === 'string' ? { title, payload: row.payload } : null;
    },
    /** Forgets processed callbacks, sent tokens and offered replies older than the cutoff. */
    async prune(cutoffMs: number): Promise<void> {
      await storage.batch([
        { sql: `DELETE FROM ${callbacks} WHERE received_at < ? AND processed_at IS NOT NULL`, args: [cutoffMs] },
        { sql: `DELETE FROM ${sent} WHERE sent_at < ?`, args: [cutoffMs] },
        { sql: `DELETE FROM ${quickReplies} WHERE offered_at < ?`, args: [cutoffMs] },
      ]);
    },
  };
}
