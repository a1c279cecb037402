import type { Hono } from 'hono';
import type { PluginAttachments } from './attachments';
import type { PluginBus } from './bus/bus-types';
import type { Logger } from './logger';
import type { PluginStorage } from './storage';

/**
 * What a plugin's `setup` receives. Everything is scoped to the plugin: its config and secrets,
 * a logger bound to its id, its bus client, its HTTP routes, its own tables.
 *
 * @example
 * setup(ctx) {
 *   ctx.http.post('/inbound', async (c) => c.json({ ok: true }));
 *   return { start: async () => ctx.logger.info('ready') };
 * }
 */
export type PluginContext<TConfig = unknown, TSecret extends string = string> = {
  /** The plugin id, which is also its folder name and its route prefix. */
  id: string;
  version: string;
  /** The plugin's options, validated by its schema. */
  config: TConfig;
  /** Declared secrets, read from the config file's `secrets` block (usually `${ENV_VAR}`). */
  secrets: Readonly<Record<TSecret, string>>;
  logger: Logger;
  bus: PluginBus;
  /** Routes mounted at `/plugins/<id>/`; they answer 503 until the plugin has started. */
  http: Hono;
  storage: PluginStorage;
  attachments: PluginAttachments;
  /** The server's public base URL (no trailing slash), for webhook URLs and links. */
  publicUrl: string;
  /** Aborted when the plugin is asked to stop. */
  signal: AbortSignal;
};

/** What `setup` may return: work to do once everything is registered, and before shutdown. */
export type PluginHooks = {
  /** Connects: open sockets, call provider APIs, start timers. Runs after every plugin's setup. */
  start?: () => Promise<void>;
  /** Runs in reverse start order on shutdown. */
  stop?: () => Promise<void>;
};
