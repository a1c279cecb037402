import type { AttachmentRef, MessageContent } from '@switchboard/events';
import type { PluginStorage } from '@switchboard/plugin-sdk';

/** Who wrote a message, as the visitor sees it. */
export type Author = 'visitor' | 'agent' | 'bot' | 'system';

/** One message of the visitor's conversation, as stored by the plugin. */
export type StoredMessage = {
  seq: number;
  id: string;
  visitorId: string;
  conversationId: string;
  author: Author;
  senderName: string | null;
  text: string;
  attachments: AttachmentRef[];
  content: MessageContent | null;
  echoId: string | null;
  delivered: boolean;
  read: boolean;
  createdAt: string;
};

/** What is stored of a new message; `seq` is assigned by the database. */
export type NewMessage = Omit<StoredMessage, 'seq' | 'delivered' | 'read'>;

function toMessage(row: Record<string, unknown>): StoredMessage {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    visitorId: String(row.visitor_id),
    conversationId: String(row.conversation_id),
    author: String(row.author) as Author,
    senderName: row.sender_name === null ? null : String(row.sender_name),
    text: String(row.text),
    attachments: JSON.parse(String(row.attachments)) as AttachmentRef[],
    content: row.content === null ? null : (JSON.parse(String(row.content)) as MessageContent),
    echoId: row.echo_id === null ? null : String(row.echo_id),
    delivered: Number(row.delivered) === 1,
    read: Number(row.read) === 1,
    createdAt: String(row.created_at),
  };
}

/** A CSAT rating as stored. */
export type StoredCsat = { conversationId: string; visitorId: string; widgetId: string; rating: number; comment: string | null; submittedAt: string };

/**
 * The visitor's side of the conversation over `ctx.storage`: messages ordered by `seq` (history
 * pages, resync after a reconnect), uploads owned by visitors, and ratings.
 *
 * @example
 * const messages = createMessageStore(ctx.storage);
 * const page = await messages.page(visitor.id, { after: 118, limit: 50 });
 */
export function createMessageStore(storage: PluginStorage) {
  const messages = storage.table('messages');
  const uploads = storage.table('uploads');
  const csat = storage.table('csat');

  async function byId(id: string): Promise<StoredMessage | null> {
    const { rows } = await storage.execute(`SELECT * FROM ${messages} WHERE id = ?`, [id]);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  return {
    byId,

    /** The visitor's message with this echo id, if it was stored before. */
    async byEchoId(visitorId: string, echoId: string): Promise<StoredMessage | null> {
      const { rows } = await storage.execute(`SELECT * FROM ${messages} WHERE visitor_id = ? AND echo_id = ?`, [visitorId, echoId]);
      return rows[0] ? toMessage(rows[0]) : null;
    },

    /** Stores a message once (by its core id); returns the stored row, first or existing. */
    async insert(message: NewMessage): Promise<StoredMessage> {
      await storage.execute(
        `INSERT OR IGNORE INTO ${messages} (id, visitor_id, conversation_id, author, sender_name, text, attachments, content, echo_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          message.id,
          message.visitorId,
          message.conversationId,
          message.author,
          message.senderName,
          message.text,
          JSON.stringify(message.attachments),
          message.content ? JSON.stringify(message.content) : null,
          message.echoId,
          message.createdAt,
        ],
      );
      const stored = (await byId(message.id)) ?? (message.echoId ? await this.byEchoId(message.visitorId, message.echoId) : null);
      if (!stored) throw new Error(`message ${message.id} was neither stored nor found`);
      return stored;
    },

    /**
     * A page of the visitor's messages, oldest first: after a seq (resync), before a seq (older
     * history), or the latest. `hasMore` says whether more exist in that direction.
     */
    async page(visitorId: string, cursor: { after?: number | undefined; before?: number | undefined; limit: number }): Promise<{ messages: StoredMessage[]; hasMore: boolean }> {
      const take = cursor.limit + 1;
      let rows: Record<string, unknown>[];
      if (cursor.after !== undefined) {
        ({ rows } = await storage.execute(`SELECT * FROM ${messages} WHERE visitor_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`, [visitorId, cursor.after, take]));
        const hasMore = rows.length > cursor.limit;
        return { messages: rows.slice(0, cursor.limit).map(toMessage), hasMore };
      }
      if (cursor.before !== undefined) {
        ({ rows } = await storage.execute(`SELECT * FROM ${messages} WHERE visitor_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`, [visitorId, cursor.before, take]));
      } else {
        ({ rows } = await storage.execute(`SELECT * FROM ${messages} WHERE visitor_id = ? ORDER BY seq DESC LIMIT ?`, [visitorId, take]));
      }
      const hasMore = rows.length > cursor.limit;
      return { messages: rows.slice(0, cursor.limit).map(toMessage).reverse(), hasMore };
    },

    /** The visitor's highest seq, 0 when they have no messages. */
    async lastSeq(visitorId: string): Promise<number> {
      const { rows } = await storage.execute(`SELECT MAX(seq) AS last FROM ${messages} WHERE visitor_id = ?`, [visitorId]);
      return Number(rows[0]?.last ?? 0);
    },

    /** How many agent or bot messages are above the visitor's seen watermark. */
    async unread(visitorId: string, readSeq: number): Promise<number> {
      const { rows } = await storage.execute(`SELECT COUNT(*) AS n FROM ${messages} WHERE visitor_id = ? AND seq > ? AND author <> 'visitor'`, [visitorId, readSeq]);
      return Number(rows[0]?.n ?? 0);
    },

    /** Agent and bot messages up to a seq that are not marked read yet (at most `limit`). */
    async unreadUpTo(visitorId: string, seq: number, limit: number): Promise<StoredMessage[]> {
      const { rows } = await storage.execute(`SELECT * FROM ${messages} WHERE visitor_id = ? AND seq <= ? AND author <> 'visitor' AND read = 0 ORDER BY seq ASC LIMIT ?`, [visitorId, seq, limit]);
      return rows.map(toMessage);
    },

    /** The visitor's highest seq among their own messages up to a seq. */
    async lastVisitorSeqUpTo(visitorId: string, seq: number): Promise<number> {
      const { rows } = await storage.execute(`SELECT MAX(seq) AS last FROM ${messages} WHERE visitor_id = ? AND author = 'visitor' AND seq <= ?`, [visitorId, seq]);
      return Number(rows[0]?.last ?? 0);
    },

    /** The visitor's highest seq among their own messages written at or before a time. */
    async lastVisitorSeqAt(visitorId: string, at: string): Promise<number> {
      const { rows } = await storage.execute(`SELECT MAX(seq) AS last FROM ${messages} WHERE visitor_id = ? AND author = 'visitor' AND created_at <= ?`, [visitorId, at]);
      return Number(rows[0]?.last ?? 0);
    },

    /** Marks a message read; true only for the call that changed it. */
    async markRead(seq: number): Promise<boolean> {
      return (await storage.execute(`UPDATE ${messages} SET read = 1, delivered = 1 WHERE seq = ? AND read = 0`, [seq])).rowsAffected > 0;
    },

    /** Marks a message delivered; true only for the call that changed it (once across processes). */
    async markDelivered(seq: number): Promise<boolean> {
      return (await storage.execute(`UPDATE ${messages} SET delivered = 1 WHERE seq = ? AND delivered = 0`, [seq])).rowsAffected > 0;
    },

    /** Remembers that a visitor uploaded an attachment. */
    async addUpload(visitorId: string, ref: AttachmentRef, at: string): Promise<void> {
      await storage.execute(`INSERT OR IGNORE INTO ${uploads} (attachment_id, visitor_id, ref, created_at) VALUES (?, ?, ?, ?)`, [ref.id, visitorId, JSON.stringify(ref), at]);
    },

    /** The refs of these attachment ids that this visitor uploaded (others are left out). */
    async uploadsOf(visitorId: string, ids: readonly string[]): Promise<AttachmentRef[]> {
      if (ids.length === 0) return [];
      const { rows } = await storage.execute(`SELECT attachment_id, ref FROM ${uploads} WHERE visitor_id = ? AND attachment_id IN (${ids.map(() => '?').join(', ')})`, [visitorId, ...ids]);
      const byId = new Map(rows.map((row) => [String(row.attachment_id), JSON.parse(String(row.ref)) as AttachmentRef]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },

    /** Stores a rating; false when this visitor rated this conversation before. */
    async addCsat(entry: StoredCsat): Promise<boolean> {
      const result = await storage.execute(
        `INSERT OR IGNORE INTO ${csat} (conversation_id, visitor_id, widget_id, rating, comment, submitted_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [entry.conversationId, entry.visitorId, entry.widgetId, entry.rating, entry.comment, entry.submittedAt],
      );
      return result.rowsAffected > 0;
    },

    /** Whether this visitor rated this conversation already. */
    async hasCsat(conversationId: string, visitorId: string): Promise<boolean> {
      const { rows } = await storage.execute(`SELECT 1 AS x FROM ${csat} WHERE conversation_id = ? AND visitor_id = ?`, [conversationId, visitorId]);
      return rows.length > 0;
    },
  };
}

/** The message store's interface. */
export type MessageStore = ReturnType<typeof createMessageStore>;
