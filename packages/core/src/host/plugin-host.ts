import type { Client } from '@libsql/client';
import type { NatsConnection } from '@nats-io/nats-core';
import { createBus, type AnyPluginDefinition, type BusRuntime, type Logger, type PluginAttachments, type PluginContext, type PluginHooks } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import * as v from 'valibot';
import { applyMigrations, type MigrationStep } from '../db/migrate';
import type { WriteQueue } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import type { PluginEntry } from '../switchboard-options';
import { createPluginStorage, pluginTablePrefix } from './plugin-storage';
import { problemResponse } from '../api/problem';

/** Lifecycle state of one plugin, as `/readyz` and the admin view show it. */
export type PluginState = 'registered' | 'starting' | 'started' | 'failed' | 'stopped';

type Loaded = {
  entry: PluginEntry;
  bus: BusRuntime;
  hooks: PluginHooks;
  controller: AbortController;
  state: PluginState;
  error?: string;
};

/** Options of {@link createPluginHost}. */
export type PluginHostOptions = {
  entries: PluginEntry[];
  nc: NatsConnection;
  client: Client;
  queue: WriteQueue;
  /** The root app; plugin routes mount at `/plugins/<id>/`. */
  app: Hono;
  logger: Logger;
  attachments: PluginAttachments;
  publicUrl: string;
};

/**
 * Orders plugins so that each comes after the plugins it depends on.
 *
 * @example
 * const ordered = orderByDependencies(entries);
 */
export function orderByDependencies(entries: PluginEntry[]): PluginEntry[] {
  const byId = new Map(entries.map((e) => [e.definition.id, e]));
  const out: PluginEntry[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: PluginEntry, path: string[]) => {
    const id = entry.definition.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new CoreError({ code: CoreErrorCodes.CONFIG_INVALID, message: `plugin dependency cycle: ${[...path, id].join(' -> ')}` });
    }
    state.set(id, 'visiting');
    for (const dep of entry.definition.dependsOn ?? []) {
      const target = byId.get(dep);
      if (target) visit(target, [...path, id]);
    }
    state.set(id, 'done');
    out.push(entry);
  };
  for (const entry of entries) visit(entry, []);
  return out;
}

/**
 * Hosts plugins: `setup` (registration only, routes answer 503 meanwhile), `migrate` (each
 * plugin's own prefixed tables), `start` in dependency order, `stop` in reverse.
 *
 * @example
 * const host = createPluginHost({ entries, nc, client, queue, app, logger, attachments, publicUrl });
 * await host.setup(); await host.migrate(); await host.start();
 */
export function createPluginHost(options: PluginHostOptions) {
  const loaded: Loaded[] = [];

  async function setup(): Promise<void> {
    for (const entry of orderByDependencies(options.entries)) {
      const def = entry.definition;
      const logger = options.logger.child({ plugin: def.id });
      const bus = createBus({ nc: options.nc, owner: def.id, logger });
      const http = new Hono();
      const controller = new AbortController();
      const secrets = Object.fromEntries((def.secrets ?? []).map((name) => [name, entry.secrets[name] ?? '']));
      const ctx: PluginContext<unknown> = {
        id: def.id,
        version: def.version,
        config: v.parse(def.config, entry.options ?? {}),
        secrets,
        logger,
        bus,
        http,
        storage: createPluginStorage(def.id, options.client, options.queue),
        attachments: options.attachments,
        publicUrl: options.publicUrl,
        signal: controller.signal,
      };
      const item: Loaded = { entry, bus, hooks: {}, controller, state: 'registered' };
      try {
        item.hooks = (await def.setup(ctx)) ?? {};
      } catch (cause) {
        throw new CoreError({ code: CoreErrorCodes.PLUGIN_START_FAILED, message: `plugin ${def.id}: setup failed: ${errorText(cause)}`, cause });
      }
      http.onError((err, c) => problemResponse(c, err, logger));
      const gate = new Hono();
      gate.use('*', async (c, next) => {
        if (item.state !== 'started') {
          return problemResponse(
            c,
            new CoreError({ code: CoreErrorCodes.PLUGIN_NOT_READY, message: `plugin ${def.id} is ${item.state}, not started`, status: 503 }),
            logger,
          );
        }
        await next();
      });
      gate.route('/', http);
      options.app.route(`/plugins/${def.id}`, gate);
      loaded.push(item);
    }
  }

  async function migrate(): Promise<string[]> {
    return applyMigrations(options.client, pluginMigrationSteps(options.entries));
  }

  async function start(): Promise<void> {
    for (const item of loaded) {
      const id = item.entry.definition.id;
      item.state = 'starting';
      try {
        await item.bus.start();
        await item.hooks.start?.();
        item.state = 'started';
      } catch (cause) {
        item.state = 'failed';
        item.error = errorText(cause);
        throw new CoreError({ code: CoreErrorCodes.PLUGIN_START_FAILED, message: `plugin ${id} failed to start: ${item.error}`, cause });
      }
    }
  }

  async function stop(): Promise<void> {
    for (const item of [...loaded].reverse()) {
      item.controller.abort();
      if (item.state === 'started' || item.state === 'starting' || item.state === 'failed') {
        try {
          await item.hooks.stop?.();
        } catch (err) {
          options.logger.error({ err, plugin: item.entry.definition.id }, 'plugin stop hook failed');
        }
        await item.bus.stop();
      }
      item.state = 'stopped';
    }
  }

  function status() {
    return loaded.map((item) => ({
      id: item.entry.definition.id,
      version: item.entry.definition.version,
      kind: item.entry.definition.kind,
      state: item.state,
      ...(item.error ? { error: item.error } : {}),
    }));
  }

  /** The definitions of the loaded plugins, in start order: what they declare for the inbox (reply windows, composer actions). */
  function definitions(): AnyPluginDefinition[] {
    return loaded.map((item) => item.entry.definition);
  }

  return { setup, migrate, start, stop, status, definitions };
}

/** A running plugin host. */
export type PluginHost = ReturnType<typeof createPluginHost>;

/**
 * Every enabled plugin's migrations as steps with ids `plugin:<id>:<migration id>`.
 *
 * @example
 * await applyMigrations(client, pluginMigrationSteps(entries));
 */
export function pluginMigrationSteps(entries: PluginEntry[]): MigrationStep[] {
  return entries.flatMap((entry) => {
    const prefix = pluginTablePrefix(entry.definition.id);
    const t = (name: string) => prefix + name;
    return (entry.definition.migrations ?? []).map((m) => {
      const out = m.sql(t);
      return { id: `plugin:${entry.definition.id}:${m.id}`, statements: Array.isArray(out) ? out : [out] };
    });
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
