import type { PluginMigration, PluginStorage } from '@switchboard/plugin-sdk';

/**
 * The channel's table of every mid it has seen, both ways. Inbound rows date the person's last
 * message on a thread (the 24-hour and 7-day windows) and let a retried webhook skip what is
 * recorded; outbound rows carry the send time and the state reached, because Messenger's delivery
 * and read receipts are watermarks: "everything sent on this thread before T".
 */
export const messengerMigrations: PluginMigration[] = [
  {
    id: '001_mids',
    sql: (t) => [
      `CREATE TABLE ${t('mids')} (
        account TEXT NOT NULL,
        mid TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        thread TEXT NOT NULL,
        at INTEGER NOT NULL,
        message_id TEXT,
        part INTEGER NOT NULL DEFAULT 0,
        state TEXT,
        PRIMARY KEY (account, mid)
      )`,
      `CREATE INDEX ${t('mids_thread')} ON ${t('mids')} (account, thread, direction, at)`,
      `CREATE INDEX ${t('mids_message')} ON ${t('mids')} (message_id)`,
    ],
  },
];

/** States a receipt may move an outbound row out of. */
const EARLIER: Record<'delivered' | 'read', string> = { delivered: `('sent')`, read: `('sent', 'delivered')` };

/** A delivery or read receipt on one thread. */
export type Receipt = { account: string; thread: string; state: 'delivered' | 'read'; mids: string[]; watermark: number | null };

function receiptScope(receipt: Receipt): { where: string; args: Array<string | number> } | null {
  const named = receipt.mids.map(() => '?').join(', ');
  const covers = [receipt.watermark !== null ? 'at <= ?' : null, named ? `mid IN (${named})` : null].filter(Boolean).join(' OR ');
  if (!covers) return null;
  return {
    where: `account = ? AND thread = ? AND direction = 'out' AND state IN ${EARLIER[receipt.state]} AND (${covers})`,
    args: [receipt.account, receipt.thread, ...(receipt.watermark !== null ? [receipt.watermark] : []), ...receipt.mids],
  };
}

/** The queries of {@link messengerMigrations}. */
export type MessengerStore = ReturnType<typeof createMessengerStore>;

/**
 * Reads and writes of the channel's mid table over the plugin's storage.
 *
 * @example
 * const store = createMessengerStore(ctx.storage);
 * const moved = await store.covered({ account, thread, state: 'read', mids: [], watermark: 1795352890000 });
 */
export function createMessengerStore(storage: PluginStorage) {
  const mids = storage.table('mids');
  const first = async <T>(sql: string, args: Array<string | number>, read: (row: Record<string, unknown>) => T): Promise<T | null> => {
    const { rows } = await storage.execute(sql, args);
    return rows[0] ? read(rows[0]) : null;
  };
  return {
    /** Notes a person's message before recording it; whether it was recorded before, and whether it opens the thread. */
    async claimInbound(row: { account: string; mid: string; thread: string; at: number }): Promise<{ recorded: boolean; firstOnThread: boolean }> {
      const earlier = await first(`SELECT COUNT(*) AS n FROM ${mids} WHERE account = ? AND thread = ? AND direction = 'in' AND mid <> ?`, [row.account, row.thread, row.mid], (r) => Number(r.n));
      await storage.execute(`INSERT OR IGNORE INTO ${mids} (account, mid, direction, thread, at) VALUES (?, ?, 'in', ?, ?)`, [row.account, row.mid, row.thread, row.at]);
      const recorded = await first(`SELECT message_id FROM ${mids} WHERE account = ? AND mid = ?`, [row.account, row.mid], (r) => r.message_id !== null);
      return { recorded: recorded === true, firstOnThread: earlier === 0 };
    },
    async completeInbound(account: string, mid: string, messageId: string): Promise<void> {
      await storage.execute(`UPDATE ${mids} SET message_id = ? WHERE account = ? AND mid = ?`, [messageId, account, mid]);
    },
    /** When the person last wrote on the thread (ms), or null. */
    async lastInboundAt(account: string, thread: string): Promise<number | null> {
      return first(`SELECT MAX(at) AS at FROM ${mids} WHERE account = ? AND thread = ? AND direction = 'in'`, [account, thread], (r) => (r.at === null ? null : Number(r.at)));
    },
    /** Parts of an outbound message Meta accepted already, by part number. */
    async sentParts(messageId: string): Promise<Map<number, string>> {
      const { rows } = await storage.execute(`SELECT part, mid FROM ${mids} WHERE message_id = ? AND direction = 'out'`, [messageId]);
      return new Map(rows.map((r) => [Number(r.part), String(r.mid)]));
    },
    async recordSent(row: { account: string; mid: string; thread: string; at: number; messageId: string; part: number }): Promise<void> {
      await storage.execute(`INSERT OR IGNORE INTO ${mids} (account, mid, direction, thread, at, message_id, part, state) VALUES (?, ?, 'out', ?, ?, ?, ?, 'sent')`, [
        row.account,
        row.mid,
        row.thread,
        row.at,
        row.messageId,
        row.part,
      ]);
    },
    /** Whether this plugin sent a mid (so its echo is our own). */
    async isOwnSend(account: string, mid: string): Promise<boolean> {
      return (await first(`SELECT 1 AS x FROM ${mids} WHERE account = ? AND mid = ? AND direction = 'out'`, [account, mid], () => true)) === true;
    },
    /**
     * The core message ids of a thread's outbound rows a receipt covers (named by mid, or sent at
     * or before the watermark) that have not reached its state yet.
     */
    async covered(receipt: Receipt): Promise<string[]> {
      const scope = receiptScope(receipt);
      if (!scope) return [];
      const { rows } = await storage.execute(`SELECT DISTINCT message_id FROM ${mids} WHERE ${scope.where}`, scope.args);
      return rows.map((r) => String(r.message_id));
    },
    /** Records that the core has applied a receipt, so the same watermark moves nothing twice. */
    async markApplied(receipt: Receipt): Promise<void> {
      const scope = receiptScope(receipt);
      if (scope) await storage.execute(`UPDATE ${mids} SET state = ? WHERE ${scope.where}`, [receipt.state, ...scope.args]);
    },
  };
}
