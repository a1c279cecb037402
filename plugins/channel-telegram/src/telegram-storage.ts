import type { PluginMigration, PluginStorage } from '@switchboard/plugin-sdk';

/**
 * The plugin's own tables:
 * - `updates`: every verified update as received (raw body), keyed by bot and `update_id`, so a
 *   retried webhook is processed once and any update can be replayed after a parser fix;
 * - `quick_replies`: the buttons offered to a chat, so a tap maps back to its payload;
 * - `flood_waits`: until when Telegram asked not to send to a chat (429 `retry_after`);
 * - `sent_parts`: the calls of an outbound message that already succeeded, so a retry after a
 *   partial failure sends only the rest and the customer never gets a part twice.
 *
 * @example
 * definePlugin({ ..., migrations: telegramMigrations });
 */
export const telegramMigrations: PluginMigration[] = [
  {
    id: '001_tables',
    sql: (t) => [
      `CREATE TABLE ${t('updates')} (account TEXT NOT NULL, update_id INTEGER NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL, processed_at INTEGER, PRIMARY KEY (account, update_id))`,
      `CREATE INDEX ${t('updates_received')} ON ${t('updates')} (received_at)`,
      `CREATE TABLE ${t('quick_replies')} (account TEXT NOT NULL, token TEXT NOT NULL, thread TEXT NOT NULL, title TEXT NOT NULL, payload TEXT NOT NULL, offered_at INTEGER NOT NULL, PRIMARY KEY (account, token))`,
      `CREATE INDEX ${t('quick_replies_title')} ON ${t('quick_replies')} (account, thread, title)`,
      `CREATE TABLE ${t('flood_waits')} (account TEXT NOT NULL, chat TEXT NOT NULL, until_ms INTEGER NOT NULL, PRIMARY KEY (account, chat))`,
      `CREATE TABLE ${t('sent_parts')} (message_id TEXT NOT NULL, part INTEGER NOT NULL, provider_message_id TEXT NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (message_id, part))`,
    ],
  },
];

/** Where an update stands in the plugin's log. */
export type UpdateLogState = 'new' | 'pending' | 'processed';

/** The plugin's tables, as operations. */
export type TelegramStore = ReturnType<typeof createTelegramStore>;

/**
 * Operations on the plugin's tables over `ctx.storage`, shared by every instance of the server.
 *
 * @example
 * const store = createTelegramStore(ctx.storage);
 * const state = await store.logUpdate('110201543', 734521901, body);
 */
export function createTelegramStore(storage: PluginStorage) {
  const updates = storage.table('updates');
  const quickReplies = storage.table('quick_replies');
  const floodWaits = storage.table('flood_waits');
  const sentParts = storage.table('sent_parts');

  return {
    /**
     * Records a verified update. `new` the first time; `pending` when it was received before but
     * not yet processed (publish it again: processing is idempotent); `processed` for a duplicate.
     */
    async logUpdate(account: string, updateId: number, body: string, now = Date.now()): Promise<UpdateLogState> {
      const inserted = await storage.execute(`INSERT OR IGNORE INTO ${updates} (account, update_id, body, received_at) VALUES (?, ?, ?, ?)`, [account, updateId, body, now]);
      if (inserted.rowsAffected === 1) return 'new';
      const { rows } = await storage.execute(`SELECT processed_at FROM ${updates} WHERE account = ? AND update_id = ?`, [account, updateId]);
      return rows[0]?.processed_at == null ? 'pending' : 'processed';
    },
    async isProcessed(account: string, updateId: number): Promise<boolean> {
      const { rows } = await storage.execute(`SELECT processed_at FROM ${updates} WHERE account = ? AND update_id = ?`, [account, updateId]);
      return rows[0] !== undefined && rows[0].processed_at != null;
    },
    async markProcessed(account: string, updateId: number, now = Date.now()): Promise<void> {
      await storage.execute(`UPDATE ${updates} SET processed_at = ? WHERE account = ? AND update_id = ?`, [now, account, updateId]);
    },
    /** The raw body of a logged update, for replays. */
    async rawUpdate(account: string, updateId: number): Promise<string | null> {
      const { rows } = await storage.execute(`SELECT body FROM ${updates} WHERE account = ? AND update_id = ?`, [account, updateId]);
      return typeof rows[0]?.body === 'string' ? rows[0].body : null;
    },
    async offerQuickReplies(account: string, thread: string, replies: Array<{ token: string; title: string; payload: string }>, now = Date.now()): Promise<void> {
      if (replies.length === 0) return;
      await storage.batch(
        replies.map((reply) => ({
          sql: `INSERT OR REPLACE INTO ${quickReplies} (account, token, thread, title, payload, offered_at) VALUES (?, ?, ?, ?, ?, ?)`,
          args: [account, reply.token, thread, reply.title, reply.payload, now],
        })),
      );
    },
    async quickReplyByToken(account: string, token: string): Promise<{ title: string; payload: string } | null> {
      const { rows } = await storage.execute(`SELECT title, payload FROM ${quickReplies} WHERE account = ? AND token = ?`, [account, token]);
      return toReply(rows[0]);
    },
    /** The most recently offered reply of a chat with exactly this title. */
    async quickReplyByTitle(account: string, thread: string, title: string): Promise<{ title: string; payload: string } | null> {
      const { rows } = await storage.execute(
        `SELECT title, payload FROM ${quickReplies} WHERE account = ? AND thread = ? AND title = ? ORDER BY offered_at DESC LIMIT 1`,
        [account, thread, title],
      );
      return toReply(rows[0]);
    },
    async floodWaitUntil(account: string, chat: string): Promise<number> {
      const { rows } = await storage.execute(`SELECT until_ms FROM ${floodWaits} WHERE account = ? AND chat = ?`, [account, chat]);
      return Number(rows[0]?.until_ms ?? 0);
    },
    async setFloodWait(account: string, chat: string, untilMs: number): Promise<void> {
      await storage.execute(`INSERT OR REPLACE INTO ${floodWaits} (account, chat, until_ms) VALUES (?, ?, ?)`, [account, chat, untilMs]);
    },
    /** The provider ids of the parts of an outbound message sent so far, by part index. */
    async sentParts(messageId: string): Promise<Map<number, string>> {
      const { rows } = await storage.execute(`SELECT part, provider_message_id FROM ${sentParts} WHERE message_id = ?`, [messageId]);
      return new Map(rows.map((row) => [Number(row.part), String(row.provider_message_id)]));
    },
    async recordSentPart(messageId: string, part: number, providerMessageId: string, now = Date.now()): Promise<void> {
      await storage.execute(`INSERT OR REPLACE INTO ${sentParts} (message_id, part, provider_message_id, sent_at) VALUES (?, ?, ?, ?)`, [messageId, part, providerMessageId, now]);
    },
    /** Forgets processed updates, offered replies and sent parts older than the cutoff, and passed flood waits. */
    async prune(cutoffMs: number, now = Date.now()): Promise<void> {
      await storage.batch([
        { sql: `DELETE FROM ${updates} WHERE received_at < ? AND processed_at IS NOT NULL`, args: [cutoffMs] },
        { sql: `DELETE FROM ${quickReplies} WHERE offered_at < ?`, args: [cutoffMs] },
        { sql: `DELETE FROM ${floodWaits} WHERE until_ms < ?`, args: [now] },
        { sql: `DELETE FROM ${sentParts} WHERE sent_at < ?`, args: [cutoffMs] },
      ]);
    },
  };
}

function toReply(row: Record<string, unknown> | undefined): { title: string; payload: string } | null {
  return row && typeof row.title === 'string' && typeof row.payload === 'string' ? { title: row.title, payload: row.payload } : null;
}
