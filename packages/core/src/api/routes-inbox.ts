import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';
import type { Database } from '../db/open-database';
import type { PluginHost } from '../host/plugin-host';
import { conversationCounts, labelsInUse } from '../store/inbox-counts';
import { CORE_VERSION } from '../version';
import { CapabilitiesSchema, CountsSchema, LabelsInUseSchema } from './api-inbox-schemas';
import type { createApiRouter } from './api-route';

/** What the inbox overview routes need. */
export type InboxRouteDeps = { db: Database; pluginStatus: PluginHost['status']; pluginDefinitions: () => AnyPluginDefinition[] };

/**
 * The inbox's overview: view badges, labels in use, and what the running server can do
 * (its plugins and the composer actions they add). Register before the `/conversations/:id`
 * routes, so `/conversations/counts` is not taken for a conversation id.
 *
 * @example
 * registerInboxRoutes(api, { db, pluginStatus: host.status, pluginDefinitions: host.definitions });
 */
export function registerInboxRoutes(api: ReturnType<typeof createApiRouter>, deps: InboxRouteDeps): void {
  const { db } = deps;
  api.route(
    {
      method: 'get',
      path: '/conversations/counts',
      summary: 'Open conversations: assigned to me, unassigned, all, and mine with unread customer messages',
      tags: ['conversations'],
      auth: 'any',
      responses: { 200: { description: 'the counts', schema: CountsSchema } },
    },
    async (c, { principal }) => c.json(await conversationCounts(db, principal.kind === 'agent' ? principal.id : null)),
  );
  api.route(
    { method: 'get', path: '/labels', summary: 'Labels in use, with how many conversations carry each', tags: ['labels'], auth: 'any', responses: { 200: { description: 'labels', schema: LabelsInUseSchema } } },
    async (c) => c.json(await labelsInUse(db)),
  );
  api.route(
    {
      method: 'get',
      path: '/capabilities',
      summary: "The core's version, the enabled plugins and the composer actions of those that are running",
      tags: ['plugins'],
      auth: 'any',
      responses: { 200: { description: 'capabilities', schema: CapabilitiesSchema } },
    },
    async (c) => {
      const plugins = deps.pluginStatus().map((p) => ({ id: p.id, kind: p.kind, version: p.version, state: p.state }));
      const running = new Set(plugins.filter((p) => p.state === 'started').map((p) => p.id));
      const composerActions = deps
        .pluginDefinitions()
        .filter((d) => running.has(d.id))
        .flatMap((d) => (d.ui?.composerActions ?? []).map((a) => ({ plugin: d.id, id: a.id, label: a.label })));
      return c.json({ core: { version: CORE_VERSION }, plugins, composerActions });
    },
  );
}
