import type { MessageContent } from '@switchboard/events';
import type { PluginMigration, PluginStorage } from '@switchboard/plugin-sdk';

type QuickReply = NonNullable<MessageContent['quickReplies']>[number];

/**
 * The plugin's own tables:
 * - `inbound`: MessageSids already recorded, so a Twilio retry downloads no media twice;
 * - `outbound`: each sent message's SID, the Switchboard message it carries and its last Twilio status;
 * - `opt_outs`: customers who texted STOP, per sender (number or Messaging Service);
 * - `whatsapp_windows`: when each WhatsApp customer last wrote, for the 24-hour window;
 * - `offered_replies`: the quick replies last sent as a numbered list on a thread, to read answers.
 */
export const twilioMigrations: PluginMigration[] = [
  {
    id: '001_tables',
    sql: (t) => [
      `CREATE TABLE ${t('inbound')} (message_sid TEXT PRIMARY KEY, message_id TEXT NOT NULL, recorded_at TEXT NOT NULL)`,
      `CREATE TABLE ${t('outbound')} (sid TEXT PRIMARY KEY, message_id TEXT NOT NULL, account TEXT NOT NULL, thread TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE INDEX ${t('outbound_by_message')} ON ${t('outbound')} (message_id)`,
      `CREATE TABLE ${t('opt_outs')} (scope TEXT NOT NULL, phone TEXT NOT NULL, keyword TEXT NOT NULL, opted_out_at TEXT NOT NULL, PRIMARY KEY (scope, phone))`,
      `CREATE TABLE ${t('whatsapp_windows')} (account TEXT NOT NULL, thread TEXT NOT NULL, last_inbound_at TEXT NOT NULL, PRIMARY KEY (account, thread))`,
      `CREATE TABLE ${t('offered_replies')} (account TEXT NOT NULL, thread TEXT NOT NULL, replies TEXT NOT NULL, offered_at TEXT NOT NULL, PRIMARY KEY (account, thread))`,
    ],
  },
];

/** One outbound message as the plugin remembers it. */
export type OutboundRecord = { sid: string; messageId: string; account: string; thread: string; status: string };

/** The plugin's queries over its tables. */
export type TwilioStore = ReturnType<typeof createTwilioStore>;

/**
 * Typed access to the plugin's tables over `ctx.storage`.
 *
 * @example
 * const store = createTwilioStore(ctx.storage);
 * if (await store.isOptedOut('+12025550100', '+12025550143')) refuse();
 */
export function createTwilioStore(storage: PluginStorage) {
  const inbound = storage.table('inbound');
  const outbound = storage.table('outbound');
  const optOuts = storage.table('opt_outs');
  const windows = storage.table('whatsapp_windows');
  const offered = storage.table('offered_replies');

  return {
    async wasRecorded(messageSid: string): Promise<boolean> {
      const { rows } = await storage.execute(`SELECT 1 AS seen FROM ${inbound} WHERE message_sid = ?`, [messageSid]);
      return rows.length > 0;
    },
    async markRecorded(messageSid: string, messageId: string, at: Date): Promise<void> {
      await storage.execute(`INSERT OR IGNORE INTO ${inbound} (message_sid, message_id, recorded_at) VALUES (?, ?, ?)`, [messageSid, messageId, at.toISOString()]);
    },

    async recordSent(record: OutboundRecord, at: Date): Promise<void> {
      const now = at.toISOString();
      await storage.execute(
        `INSERT OR IGNORE INTO ${outbound} (sid, message_id, account, thread, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [record.sid, record.messageId, record.account, record.thread, record.status, now, now],
      );
    },
    async outboundBySid(sid: string): Promise<OutboundRecord | null> {
      const { rows } = await storage.execute(`SELECT sid, message_id, account, thread, status FROM ${outbound} WHERE sid = ?`, [sid]);
      return rows[0] ? toOutbound(rows[0]) : null;
    },
    /** The message's latest SID that Twilio has not reported failed: a resend after a lost reply reuses it. */
    async liveSendOf(messageId: string): Promise<OutboundRecord | null> {
      const { rows } = await storage.execute(
        `SELECT sid, message_id, account, thread, status FROM ${outbound} WHERE message_id = ? AND status NOT IN ('failed', 'undelivered', 'canceled') ORDER BY created_at DESC LIMIT 1`,
        [messageId],
      );
      return rows[0] ? toOutbound(rows[0]) : null;
    },
    async setOutboundStatus(sid: string, status: string, at: Date): Promise<void> {
      await storage.execute(`UPDATE ${outbound} SET status = ?, updated_at = ? WHERE sid = ?`, [status, at.toISOString(), sid]);
    },

    async optOut(scope: string, phone: string, keyword: string, at: Date): Promise<void> {
      await storage.execute(`INSERT OR REPLACE INTO ${optOuts} (scope, phone, keyword, opted_out_at) VALUES (?, ?, ?, ?)`, [scope, phone, keyword, at.toISOString()]);
    },
    async optIn(scope: string, phone: string): Promise<void> {
      await storage.execute(`DELETE FROM ${optOuts} WHERE scope = ? AND phone = ?`, [scope, phone]);
    },
    async optOutOf(scope: string, phone: string): Promise<{ keyword: string; at: string } | null> {
      const { rows } = await storage.execute(`SELECT keyword, opted_out_at FROM ${optOuts} WHERE scope = ? AND phone = ?`, [scope, phone]);
      const row = rows[0];
      return row ? { keyword: String(row.keyword), at: String(row.opted_out_at) } : null;
    },

    async noteWhatsAppInbound(account: string, thread: string, at: Date): Promise<void> {
      const when = at.toISOString();
      // Two statements, not an upsert: a redelivered older webhook must not move the window back.
      await storage.batch([
        { sql: `INSERT OR IGNORE INTO ${windows} (account, thread, last_inbound_at) VALUES (?, ?, ?)`, args: [account, thread, when] },
        { sql: `UPDATE ${windows} SET last_inbound_at = ? WHERE account = ? AND thread = ? AND last_inbound_at < ?`, args: [when, account, thread, when] },
      ]);
    },
    async offerReplies(account: string, thread: string, replies: QuickReply[], at: Date): Promise<void> {
      await storage.execute(`INSERT OR REPLACE INTO ${offered} (account, thread, replies, offered_at) VALUES (?, ?, ?, ?)`, [account, thread, JSON.stringify(replies), at.toISOString()]);
    },
    /** The quick replies still answerable on a thread (offered less than `ttlHours` ago). */
    async offeredReplies(account: string, thread: string, now: Date, ttlHours: number): Promise<QuickReply[]> {
      const since = new Date(now.getTime() - ttlHours * 3600_000).toISOString();
      const { rows } = await storage.execute(`SELECT replies FROM ${offered} WHERE account = ? AND thread = ? AND offered_at > ?`, [account, thread, since]);
      return rows[0] ? (JSON.parse(String(rows[0].replies)) as QuickReply[]) : [];
    },
    async clearOfferedReplies(account: string, thread: string): Promise<void> {
      await storage.execute(`DELETE FROM ${offered} WHERE account = ? AND thread = ?`, [account, thread]);
    },

    async lastWhatsAppInbound(account: string, thread: string): Promise<Date | null> {
      const { rows } = await storage.execute(`SELECT last_inbound_at FROM ${windows} WHERE account = ? AND thread = ?`, [account, thread]);
      return rows[0] ? new Date(String(rows[0].last_inbound_at)) : null;
    },
  };
}

function toOutbound(row: Record<string, unknown>): OutboundRecord {
  return { sid: String(row.sid), messageId: String(row.message_id), account: String(row.account), thread: String(row.thread), status: String(row.status) };
}
