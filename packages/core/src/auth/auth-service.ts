import { randomBytes } from 'node:crypto';
import { newId } from '@switchboard/events';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { agents, apiTokens, sessions } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { appendEvent, type EventContext } from '../store/event-journal';
import { TOKEN_PREFIX, hashToken, newToken } from './bearer-token';
import { hashPassword, verifyPassword } from './password-hash';
import type { Principal } from './principal';

/** An agent as the API shows it (never the password hash). */
export type AgentView = { id: string; email: string; name: string; role: 'admin' | 'agent'; presence: 'online' | 'away' | 'offline'; createdAt: string };

const toView = (row: typeof agents.$inferSelect): AgentView => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  presence: row.presence,
  createdAt: row.createdAt,
});

/**
 * Agents, sessions and API tokens. Tokens are stored hashed; sessions expire after the configured
 * time and are checked on every request, so a sign-out or expiry takes effect at once.
 *
 * @example
 * const auth = createAuthService({ db, queue, sessionTtlHours: 12 });
 * const { token } = await auth.login('ada@example.com', 'secret');
 */
export function createAuthService(options: { db: Database; queue: WriteQueue; sessionTtlHours: number }) {
  const { db, queue } = options;

  async function createAgent(input: { email: string; name: string; role: 'admin' | 'agent'; password: string }): Promise<AgentView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const now = new Date().toISOString();
    return queue.write(async (tx) => {
      const [existing] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
      if (existing) throw new CoreError({ code: CoreErrorCodes.CONFLICT, message: `an agent with email ${email} exists already`, status: 409 });
      const [row] = await tx.insert(agents).values({ id: newId(), email, name: input.name, role: input.role, passwordHash, createdAt: now, updatedAt: now }).returning();
      return toView(row!);
    });
  }

  return {
    createAgent,

    /** Creates the first admin when no agent exists; returns the credentials it used, else null. */
    async bootstrapAdmin(input: { email: string; password?: string | undefined }): Promise<{ email: string; password: string } | null> {
      const [row] = await db.select({ n: sql<number>`count(*)` }).from(agents);
      if ((row?.n ?? 0) > 0) return null;
      const password = input.password || randomBytes(12).toString('base64url');
      await createAgent({ email: input.email, name: 'Administrator', role: 'admin', password });
      return { email: input.email.trim().toLowerCase(), password };
    },

    async login(emailInput: string, password: string): Promise<{ token: string; expiresAt: string; agent: AgentView }> {
      const email = emailInput.trim().toLowerCase();
      const [row] = await db.select().from(agents).where(eq(agents.email, email));
      // Hash even for unknown emails so timing does not reveal which emails exist.
      const ok = row ? await verifyPassword(password, row.passwordHash) : (await hashPassword(password), false);
      if (!row || !ok || row.disabledAt) {
        throw new CoreError({ code: CoreErrorCodes.INVALID_CREDENTIALS, message: 'email or password is wrong', status: 401 });
      }
      const token = newToken('session');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + options.sessionTtlHours * 3_600_000).toISOString();
      await queue.write(async (tx) => {
        await tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString()));
        await tx.insert(sessions).values({ tokenHash: hashToken(token), agentId: row.id, createdAt: now.toISOString(), expiresAt });
      });
      return { token, expiresAt, agent: toView(row) };
    },

    async logout(token: string): Promise<void> {
      await queue.write((tx) => tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))));
    },

    /** Resolves a bearer token to its principal, or null when unknown, expired or revoked. */
    async authenticate(token: string): Promise<Principal | null> {
      const hash = hashToken(token);
      if (token.startsWith(TOKEN_PREFIX.session)) {
        const [row] = await db
          .select({ agent: agents })
          .from(sessions)
          .innerJoin(agents, eq(agents.id, sessions.agentId))
          .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date().toISOString()), isNull(agents.disabledAt)));
        return row ? { kind: 'agent', id: row.agent.id, role: row.agent.role, email: row.agent.email, name: row.agent.name } : null;
      }
      if (token.startsWith(TOKEN_PREFIX.api)) {
        const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
        return row ? { kind: 'token', id: row.id, role: row.role, name: row.name } : null;
      }
      return null;
    },

    async createApiToken(input: { name: string; role: 'admin' | 'integrator'; createdBy: string | null }) {
      const token = newToken('api');
      const id = newId();
      const createdAt = new Date().toISOString();
      await queue.write((tx) => tx.insert(apiTokens).values({ id, name: input.name, tokenHash: hashToken(token), role: input.role, createdBy: input.createdBy, createdAt }));
      return { id, name: input.name, role: input.role, createdAt, token };
    },

    async listApiTokens() {
      const rows = await db.select().from(apiTokens).where(isNull(apiTokens.revokedAt));
      return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.createdAt }));
    },

    async revokeApiToken(id: string): Promise<void> {
      const result = await queue.write((tx) =>
        tx.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id }),
      );
      if (result.length === 0) throw new CoreError({ code: CoreErrorCodes.NOT_FOUND, message: `API token ${id} does not exist`, status: 404 });
    },

    async listAgents(): Promise<AgentView[]> {
      return (await db.select().from(agents).where(isNull(agents.disabledAt))).map(toView);
    },

    async getAgent(id: string): Promise<AgentView> {
      const [row] = await db.select().from(agents).where(eq(agents.id, id));
      if (!row) throw new CoreError({ code: CoreErrorCodes.AGENT_NOT_FOUND, message: `agent ${id} does not exist`, status: 404 });
      return toView(row);
    },

    /** Sets an agent's presence; a change is recorded as `core.agent.presence_changed.v1` so inboxes and routing see it live. */
    async setPresence(agentId: string, presence: AgentView['presence'], context: EventContext = {}): Promise<AgentView> {
      const row = await queue.write(async (tx) => {
        const [before] = await tx.select({ presence: agents.presence }).from(agents).where(eq(agents.id, agentId));
        if (!before) return undefined;
        const [after] = await tx.update(agents).set({ presence, updatedAt: new Date().toISOString() }).where(eq(agents.id, agentId)).returning();
        if (before.presence !== presence) {
          await appendEvent(tx, 'core.agent.presence_changed.v1', { agentId, presence, previous: before.presence }, { ...context, subject: agentId });
        }
        return after;
      });
      if (!row) throw new CoreError({ code: CoreErrorCodes.AGENT_NOT_FOUND, message: `agent ${agentId} does not exist`, status: 404 });
      return toView(row);
    },
  };
}

/** The auth service. */
export type AuthService = ReturnType<typeof createAuthService>;
