import type { AuthService } from '../auth/auth-service';
import type { PluginHost } from '../host/plugin-host';
import type { createApiRouter } from './api-route';
import { AgentSchema, CreateAgentBodySchema, CreateTokenBodySchema, IdParamSchema } from './api-schemas';
import * as v from 'valibot';

/**
 * Agents, API tokens and the plugin list.
 *
 * @example
 * registerAdminRoutes(api, { auth, pluginStatus: host.status });
 */
export function registerAdminRoutes(api: ReturnType<typeof createApiRouter>, deps: { auth: AuthService; pluginStatus: PluginHost['status'] }): void {
  const { auth, pluginStatus } = deps;
  api.route(
    { method: 'get', path: '/agents', summary: 'List agents', tags: ['agents'], auth: 'any', responses: { 200: { description: 'agents', schema: v.object({ items: v.array(AgentSchema) }) } } },
    async (c) => c.json({ items: await auth.listAgents() }),
  );
  api.route(
    { method: 'post', path: '/agents', summary: 'Create an agent (admin)', tags: ['agents'], auth: 'admin', body: CreateAgentBodySchema, responses: { 201: { description: 'created', schema: AgentSchema } } },
    async (c, { body }) => c.json(await auth.createAgent(body), 201),
  );
  api.route(
    { method: 'get', path: '/api-tokens', summary: 'List API tokens (admin); the secrets are never shown again', tags: ['api-tokens'], auth: 'admin', responses: { 200: { description: 'tokens' } } },
    async (c) => c.json({ items: await auth.listApiTokens() }),
  );
  api.route(
    { method: 'post', path: '/api-tokens', summary: 'Create an API token for an integrator (admin); the token is shown once', tags: ['api-tokens'], auth: 'admin', body: CreateTokenBodySchema, responses: { 201: { description: 'created, with its token' } } },
    async (c, { body, principal }) => c.json(await auth.createApiToken({ name: body.name, role: body.role, createdBy: principal.id }), 201),
  );
  api.route(
    { method: 'delete', path: '/api-tokens/:id', summary: 'Revoke an API token (admin)', tags: ['api-tokens'], auth: 'admin', params: IdParamSchema, responses: { 204: { description: 'revoked' } } },
    async (c, { params }) => {
      await auth.revokeApiToken(params.id);
      return c.body(null, 204);
    },
  );
  api.route(
    { method: 'get', path: '/plugins', summary: 'Enabled plugins with version and state', tags: ['plugins'], auth: 'any', responses: { 200: { description: 'plugins' } } },
    async (c) => c.json({ items: pluginStatus() }),
  );
}
