import type { PluginMigration, PluginStorage } from '@switchboard/plugin-sdk';

/**
 * The channel's own table: every WhatsApp message id it has seen, inbound or sent, with the core's
 * message id and the time. It answers what the core does not: has this wamid been fetched and
 * recorded already (before downloading media twice), when did the customer last write on a
 * thread (the 24-hour window), which wamid a reply quotes, and which core message a status is about.
 */
export const whatsAppMigrations: PluginMigration[] = [
  {
    id: '001_messages',
    sql: (t) => [
      `CREATE TABLE ${t('messages')} (
        account TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        message_id TEXT,
        part INTEGER NOT NULL DEFAULT 0,
        thread TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (account, provider_id)
      )`,
      `CREATE INDEX ${t('messages_by_message')} ON ${t('messages')} (message_id, part)`,
      `CREATE INDEX ${t('messages_by_thread')} ON ${t('messages')} (account, thread, direction, at)`,
    ],
  },
];

/** A part of an outbound message already accepted by WhatsApp. */
export type SentPart = { part: number; providerId: string };

/** Reads and writes of the channel's message table. */
export type WhatsAppStore = ReturnType<typeof createWhatsAppStore>;

/**
 * The queries of {@link whatsAppMigrations} over the plugin's storage.
 *
 * @example
 * const store = createWhatsAppStore(ctx.storage);
 * const last = await store.lastInboundAt('106540352242922', '+12025550143');
 */
export function createWhatsAppStore(storage: PluginStorage) {
  const table = storage.table('messages');
  return {
    /**
     * Notes an inbound message before it is recorded (so the window counts it at once) and says
     * whether it was recorded already: then there is nothing left to do.
     */
    async claimInbound(input: { account: string; providerId: string; thread: string; at: number }): Promise<{ recorded: boolean }> {
      await storage.execute(`INSERT OR IGNORE INTO ${table} (account, provider_id, direction, thread, at) VALUES (?, ?, 'in', ?, ?)`, [
        input.account,
        input.providerId,
        input.thread,
        input.at,
      ]);
      const { rows } = await storage.execute(`SELECT message_id FROM ${table} WHERE account = ? AND provider_id = ?`, [input.account, input.providerId]);
      return { recorded: typeof rows[0]?.message_id === 'string' };
    },
    async completeInbound(input: { account: string; providerId: string; messageId: string }): Promise<void> {
      await storage.execute(`UPDATE ${table} SET message_id = ? WHERE account = ? AND provider_id = ?`, [input.messageId, input.account, input.providerId]);
    },
    /** When the customer last wrote on a thread (ms), or null when never. */
    async lastInboundAt(account: string, thread: string): Promise<number | null> {
      const { rows } = await storage.execute(`SELECT MAX(at) AS at FROM ${table} WHERE account = ? AND thread = ? AND direction = 'in'`, [account, thread]);
      const at = rows[0]?.at;
      return at === null || at === undefined ? null : Number(at);
    },
    /** The wamid of a core message (its first part), for replies that quote it. */
    async providerIdOf(messageId: string): Promise<string | null> {
      const { rows } = await storage.execute(`SELECT provider_id FROM ${table} WHERE message_id = ? ORDER BY part LIMIT 1`, [messageId]);
      return typeof rows[0]?.provider_id === 'string' ? rows[0].provider_id : null;
    },
    /** Parts of an outbound message WhatsApp accepted already, so a retry does not send them twice. */
    async sentParts(messageId: string): Promise<SentPart[]> {
      const { rows } = await storage.execute(`SELECT part, provider_id FROM ${table} WHERE message_id = ? AND direction = 'out' ORDER BY part`, [messageId]);
      return rows.map((row) => ({ part: Number(row.part), providerId: String(row.provider_id) }));
    },
    async recordSent(input: { account: string; providerId: string; messageId: string; part: number; thread: string; at: number }): Promise<void> {
      await storage.execute(`INSERT OR IGNORE INTO ${table} (account, provider_id, direction, message_id, part, thread, at) VALUES (?, ?, 'out', ?, ?, ?, ?)`, [
        input.account,
        input.providerId,
        input.messageId,
        input.part,
        input.thread,
        input.at,
      ]);
    },
    /** The core message an outbound wamid belongs to, or null when it was not sent through this plugin. */
    async sentMessageId(account: string, providerId: string): Promise<string | null> {
      const { rows } = await storage.execute(`SELECT message_id FROM ${table} WHERE account = ? AND provider_id = ? AND direction = 'out'`, [account, providerId]);
      return typeof rows[0]?.message_id === 'string' ? rows[0].message_id : null;
    },
  };
}
