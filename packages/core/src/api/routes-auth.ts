import type { AuthService } from '../auth/auth-service';
import { CoreError, CoreErrorCodes } from '../errors';
import type { createApiRouter } from './api-route';
import { AgentSchema, LoginBodySchema, LoginResponseSchema, PresenceBodySchema } from './api-schemas';
import { eventContextOf } from './request-actor';

/**
 * Sign in, sign out, who am I, presence.
 *
 * @example
 * registerAuthRoutes(api, auth);
 */
export function registerAuthRoutes(api: ReturnType<typeof createApiRouter>, auth: AuthService): void {
  api.route(
    { method: 'post', path: '/auth/login', summary: 'Sign in with email and password; returns a session token', tags: ['auth'], auth: 'none', body: LoginBodySchema, responses: { 200: { description: 'signed in', schema: LoginResponseSchema } } },
    async (c, { body }) => c.json(await auth.login(body.email, body.password)),
  );
  api.route(
    { method: 'post', path: '/auth/logout', summary: 'End the current session', tags: ['auth'], auth: 'any', responses: { 204: { description: 'signed out' } } },
    async (c) => {
      const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
      await auth.logout(token);
      return c.body(null, 204);
    },
  );
  api.route(
    { method: 'get', path: '/me', summary: 'The caller: an agent or an API token', tags: ['auth'], auth: 'any', responses: { 200: { description: 'the caller' } } },
    async (c, { principal }) => c.json(principal.kind === 'agent' ? { kind: 'agent', agent: await auth.getAgent(principal.id) } : { kind: 'token', token: principal }),
  );
  api.route(
    { method: 'put', path: '/me/presence', summary: 'Set the signed-in agent to online, away or offline; a change is published as core.agent.presence_changed.v1', tags: ['auth'], auth: 'any', body: PresenceBodySchema, responses: { 200: { description: 'the agent', schema: AgentSchema } } },
    async (c, { body, principal }) => {
      if (principal.kind !== 'agent') {
        throw new CoreError({ code: CoreErrorCodes.FORBIDDEN, message: 'presence belongs to agents; an API token has none', status: 403 });
      }
      return c.json(await auth.setPresence(principal.id, body.presence, eventContextOf(c)));
    },
  );
}
