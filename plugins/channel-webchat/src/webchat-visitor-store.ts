import { createHash, randomBytes } from 'node:crypto';
import { newId, type ContactAttributes } from '@switchboard/events';
import type { PluginStorage, SqlValue } from '@switchboard/plugin-sdk';

/** A visitor as the plugin keeps it. */
export type Visitor = {
  id: string;
  widgetId: string;
  /** The verified (namespaced) external id, or null for an anonymous visitor. */
  externalId: string | null;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
  consent: boolean;
  prechatDone: boolean;
  locale: string | null;
  pageUrl: string | null;
  contactId: string | null;
  conversationId: string | null;
  conversationStatus: string | null;
  readSeq: number;
  agentReadSeq: number;
  csatConversationId: string | null;
  /**
   * Contact attributes the page set that the contact does not have yet, as stored (a JSON object;
   * `null` values remove one): they go with the next message, or at once once there is a contact.
   * Kept as the stored text, so clearing them can check nobody added more meanwhile.
   */
  pendingAttributes: string | null;
  createdAt: string;
};

/** What checking a presented token found. */
export type TokenCheck = { ok: true; visitor: Visitor; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/** The columns of a visitor that routes change. */
export type VisitorPatch = Partial<Pick<Visitor, 'externalId' | 'name' | 'email' | 'emailVerified' | 'consent' | 'prechatDone' | 'locale' | 'pageUrl' | 'contactId' | 'conversationId' | 'conversationStatus' | 'csatConversationId'>>;

const COLUMNS: Record<keyof VisitorPatch, string> = {
  externalId: 'external_id',
  name: 'name',
  email: 'email',
  emailVerified: 'email_verified',
  consent: 'consent',
  prechatDone: 'prechat_done',
  locale: 'locale',
  pageUrl: 'page_url',
  contactId: 'contact_id',
  conversationId: 'conversation_id',
  conversationStatus: 'conversation_status',
  csatConversationId: 'csat_conversation_id',
};

/**
 * A session token as handed to the widget: `wcs_` and 32 random bytes in base64url.
 *
 * @example
 * const token = newSessionToken(); // 'wcs_Vd0…'
 */
export function newSessionToken(): string {
  return `wcs_${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored of a token: its SHA-256 in hex. A token has 256 random bits, so a plain hash
 * (no salt, no stretching) is enough and lets the lookup use the primary key.
 *
 * @example
 * await storage.execute(`SELECT … WHERE hash = ?`, [hashToken(token)]);
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function toVisitor(row: Record<string, unknown>): Visitor {
  return {
    id: String(row.id),
    widgetId: String(row.widget_id),
    externalId: text(row.external_id),
    name: text(row.name),
    email: text(row.email),
    emailVerified: Number(row.email_verified) === 1,
    consent: Number(row.consent) === 1,
    prechatDone: Number(row.prechat_done) === 1,
    locale: text(row.locale),
    pageUrl: text(row.page_url),
    contactId: text(row.contact_id),
    conversationId: text(row.conversation_id),
    conversationStatus: text(row.conversation_status),
    readSeq: Number(row.read_seq),
    agentReadSeq: Number(row.agent_read_seq),
    csatConversationId: text(row.csat_conversation_id),
    pendingAttributes: text(row.pending_attributes),
    createdAt: String(row.created_at),
  };
}

function toSql(value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : (value as SqlValue);
}

/**
 * The plugin's visitors and session tokens over `ctx.storage`. Everything another server process
 * needs lives here, so any process can serve any visitor.
 *
 * @example
 * const visitors = createVisitorStore(ctx.storage);
 * const { visitor } = await visitors.create({ widgetId: 'main' });
 * const token = await visitors.issueToken(visitor, 30 * 86400);
 */
export function createVisitorStore(storage: PluginStorage, now: () => number = Date.now) {
  const visitors = storage.table('visitors');
  const tokens = storage.table('tokens');

  async function get(id: string): Promise<Visitor | null> {
    const { rows } = await storage.execute(`SELECT * FROM ${visitors} WHERE id = ?`, [id]);
    return rows[0] ? toVisitor(rows[0]) : null;
  }

  return {
    get,

    /** The visitor of a widget verified as `externalId`, if any. */
    async byExternalId(widgetId: string, externalId: string): Promise<Visitor | null> {
      const { rows } = await storage.execute(`SELECT * FROM ${visitors} WHERE widget_id = ? AND external_id = ?`, [widgetId, externalId]);
      return rows[0] ? toVisitor(rows[0]) : null;
    },

    /** Every visitor in a conversation (usually one). */
    async inConversation(conversationId: string): Promise<Visitor[]> {
      const { rows } = await storage.execute(`SELECT * FROM ${visitors} WHERE conversation_id = ?`, [conversationId]);
      return rows.map(toVisitor);
    },

    /**
     * Creates a visitor. With an external id that another request just claimed, the existing
     * visitor is returned instead (the unique index decides the race).
     */
    async create(input: { widgetId: string } & VisitorPatch): Promise<{ visitor: Visitor; created: boolean }> {
      const at = new Date(now()).toISOString();
      const id = newId();
      const patch: VisitorPatch = { ...input };
      delete (patch as { widgetId?: string }).widgetId;
      const keys = Object.keys(patch) as Array<keyof VisitorPatch>;
      const columns = ['id', 'widget_id', 'created_at', 'last_active_at', ...keys.map((k) => COLUMNS[k])];
      const values: SqlValue[] = [id, input.widgetId, at, at, ...keys.map((k) => toSql(patch[k]))];
      await storage.execute(`INSERT OR IGNORE INTO ${visitors} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
      const created = await get(id);
      if (created) return { visitor: created, created: true };
      const existing = input.externalId ? await this.byExternalId(input.widgetId, input.externalId) : null;
      if (!existing) throw new Error(`visitor ${id} was neither created nor found`);
      return { visitor: existing, created: false };
    },

    /** Changes some columns and returns the visitor as it is now. */
    async update(id: string, patch: VisitorPatch): Promise<Visitor> {
      const keys = (Object.keys(patch) as Array<keyof VisitorPatch>).filter((k) => patch[k] !== undefined);
      if (keys.length > 0) {
        await storage.execute(`UPDATE ${visitors} SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')}, last_active_at = ? WHERE id = ?`, [
          ...keys.map((k) => toSql(patch[k])),
          new Date(now()).toISOString(),
          id,
        ]);
      }
      const visitor = await get(id);
      if (!visitor) throw new Error(`visitor ${id} vanished`);
      return visitor;
    },

    /** Raises the visitor's own seen watermark (never lowers it). */
    async raiseReadSeq(id: string, seq: number): Promise<void> {
      await storage.execute(`UPDATE ${visitors} SET read_seq = MAX(read_seq, ?) WHERE id = ?`, [seq, id]);
    },

    /** Raises the agents' read watermark of the visitor's messages; true when it moved. */
    async raiseAgentReadSeq(id: string, seq: number): Promise<boolean> {
      const result = await storage.execute(`UPDATE ${visitors} SET agent_read_seq = ? WHERE id = ? AND agent_read_seq < ?`, [seq, id, seq]);
      return result.rowsAffected > 0;
    },

    /**
     * Adds attributes to the visitor's pending ones (later values win, `null` kept: it removes
     * the attribute on the contact). Refuses — storing nothing — when more than `max` different
     * names would wait. A compare-and-set, retried when another request changed them meanwhile.
     */
    async addPendingAttributes(id: string, attributes: ContactAttributes, max: number): Promise<{ visitor: Visitor } | { tooMany: number }> {
      for (let attempt = 0; attempt < 8; attempt++) {
        const visitor = await get(id);
        if (!visitor) throw new Error(`visitor ${id} vanished`);
        const before = visitor.pendingAttributes;
        const merged = { ...(before ? (JSON.parse(before) as ContactAttributes) : {}), ...attributes };
        const count = Object.keys(merged).length;
        if (count > max) return { tooMany: count };
        const after = JSON.stringify(merged);
        if (after === before) return { visitor };
        const result = await storage.execute(`UPDATE ${visitors} SET pending_attributes = ? WHERE id = ? AND pending_attributes IS ?`, [after, id, before]);
        if (result.rowsAffected > 0) return { visitor: { ...visitor, pendingAttributes: after } };
      }
      throw new Error(`the pending attributes of visitor ${id} kept changing under concurrent requests`);
    },

    /** Forgets the pending attributes once the contact has them, unless more were added since `sent` was read. */
    async clearPendingAttributes(id: string, sent: string): Promise<Visitor> {
      await storage.execute(`UPDATE ${visitors} SET pending_attributes = NULL WHERE id = ? AND pending_attributes = ?`, [id, sent]);
      const visitor = await get(id);
      if (!visitor) throw new Error(`visitor ${id} vanished`);
      return visitor;
    },

    /** Clears a pending rating once it was given. */
    async clearCsat(id: string, conversationId: string): Promise<void> {
      await storage.execute(`UPDATE ${visitors} SET csat_conversation_id = NULL WHERE id = ? AND csat_conversation_id = ?`, [id, conversationId]);
    },

    /** Issues a new session token for the visitor; only its hash is stored. */
    async issueToken(visitor: Pick<Visitor, 'id' | 'widgetId'>, ttlSeconds: number): Promise<string> {
      const token = newSessionToken();
      await storage.execute(`INSERT INTO ${tokens} (hash, visitor_id, widget_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`, [
        hashToken(token),
        visitor.id,
        visitor.widgetId,
        now() + ttlSeconds * 1000,
        new Date(now()).toISOString(),
      ]);
      return token;
    },

    /**
     * Checks a presented token. `ttlFor` gives the session lifetime of the token's widget
     * (undefined: the widget is gone, so the token is invalid). A valid token slides its expiry
     * once less than half its lifetime is left, so an active visitor is never logged out and most
     * requests write nothing.
     */
    async checkToken(token: string, ttlFor: (widgetId: string) => number | undefined): Promise<TokenCheck> {
      const hash = hashToken(token);
      const { rows } = await storage.execute(`SELECT expires_at, revoked, visitor_id, widget_id FROM ${tokens} WHERE hash = ?`, [hash]);
      const row = rows[0];
      const ttlSeconds = row ? ttlFor(String(row.widget_id)) : undefined;
      if (!row || Number(row.revoked) === 1 || ttlSeconds === undefined) return { ok: false, reason: 'invalid' };
      const at = now();
      let expiresAt = Number(row.expires_at);
      if (expiresAt <= at) return { ok: false, reason: 'expired' };
      const visitor = await get(String(row.visitor_id));
      if (!visitor) return { ok: false, reason: 'invalid' };
      if (expiresAt - at < (ttlSeconds * 1000) / 2) {
        expiresAt = at + ttlSeconds * 1000;
        await storage.execute(`UPDATE ${tokens} SET expires_at = ? WHERE hash = ?`, [expiresAt, hash]);
      }
      return { ok: true, visitor, expiresAt };
    },

    /** Revokes a token (logout); a revoked token answers as invalid. */
    async revokeToken(token: string): Promise<void> {
      await storage.execute(`UPDATE ${tokens} SET revoked = 1 WHERE hash = ?`, [hashToken(token)]);
    },
  };
}

/** The visitor store's interface. */
export type VisitorStore = ReturnType<typeof createVisitorStore>;
