import type { GenericSchema, InferOutput } from 'valibot';
import type { PluginContext, PluginHooks } from './context';
import type { PluginMigration } from './storage';

/** What a plugin is for. Routing, bots, templates and click-to-call are plugins like any other. */
export type PluginKind = 'channel' | 'routing' | 'bot' | 'templates' | 'voice' | 'analytics' | 'integration';

/** A button the inbox's composer shows while the plugin is enabled (e.g. "Insert template", "Call"). */
export type ComposerAction = {
  /** Stable id, unique within the plugin (kebab-case). */
  id: string;
  /** The button's text. */
  label: string;
};

/** A plugin's contributions to the agent inbox. */
export type PluginUi = {
  composerActions?: ComposerAction[];
};

/** The declaration a plugin package default-exports. */
export type PluginDefinition<TSchema extends GenericSchema = GenericSchema, TSecret extends string = string> = {
  /** kebab-case, equal to the plugin's folder name. */
  id: string;
  /** The plugin's own version (from its package.json). */
  version: string;
  /** The core versions this plugin supports, as a semver range (e.g. `^0.1.0`). */
  core: string;
  kind: PluginKind;
  description?: string;
  /** Ids of plugins that must be enabled and started before this one. */
  dependsOn?: string[];
  /** Event and command names the plugin listens to. */
  consumes?: string[];
  /** Event and command names the plugin publishes or serves. */
  produces?: string[];
  /** Schema of the plugin's options; every problem is reported with its key path. */
  config: TSchema;
  /** Names of secrets the plugin needs; a missing one stops boot with its name. */
  secrets?: readonly TSecret[];
  /** The plugin's own tables, applied in order, each once. */
  migrations?: PluginMigration[];
  /**
   * A channel's reply window in hours (WhatsApp: 24): how long after the customer's last message
   * on a thread an agent may still write freely. The inbox warns once it has closed. Omit when
   * the channel has none.
   */
  replyWindowHours?: number;
  /** What the agent inbox shows for this plugin while it is enabled. */
  ui?: PluginUi;
  /** Registers routes, handlers and hooks. No I/O here: that belongs in `start`. */
  setup(ctx: PluginContext<InferOutput<TSchema>, TSecret>): PluginHooks | void | Promise<PluginHooks | void>;
};

/**
 * Declares a plugin. The only default export of a plugin package.
 *
 * @example
 * import { definePlugin } from '@switchboard/plugin-sdk';
 * import * as v from 'valibot';
 * import pkg from '../package.json' with { type: 'json' };
 *
 * export default definePlugin({
 *   id: 'hello',
 *   version: pkg.version,
 *   core: '^0.1.0',
 *   kind: 'integration',
 *   config: v.object({ greeting: v.optional(v.string(), 'hi') }),
 *   setup(ctx) {
 *     ctx.http.get('/', (c) => c.text(ctx.config.greeting));
 *   },
 * });
 */
export function definePlugin<TSchema extends GenericSchema, const TSecret extends string = never>(
  definition: PluginDefinition<TSchema, TSecret>,
): PluginDefinition<TSchema, TSecret> {
  return definition;
}

/** A plugin definition of any config and secrets, as the host handles them. */
export type AnyPluginDefinition = PluginDefinition<GenericSchema, string>;
