import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';

/** Loads one plugin package; its default export is the plugin definition. */
export type PluginLoader = () => Promise<{ default: AnyPluginDefinition }>;

/** Plugin ids mapped to their loaders. Tests pass their own to commands and the config loader. */
export type PluginRegistry = Readonly<Record<string, PluginLoader>>;

/**
 * Every plugin this server can run, by id. The only place in the repository that names plugins:
 * adding a plugin to the distribution is one line here plus a dependency in package.json. Imports
 * are lazy so a plugin that is not enabled is never loaded.
 *
 * @example
 * const definition = (await builtInPlugins['channel-api']!()).default;
 * definition.id; // 'channel-api'
 */
export const builtInPlugins: PluginRegistry = {
  'channel-api': () => import('@switchboard/plugin-channel-api'),
  'channel-email': () => import('@switchboard/plugin-channel-email'),
  'channel-webchat': () => import('@switchboard/plugin-channel-webchat'),
  'channel-messenger': () => import('@switchboard/plugin-channel-messenger'),
  'channel-whatsapp-cloud': () => import('@switchboard/plugin-channel-whatsapp-cloud'),
  'channel-twilio': () => import('@switchboard/plugin-channel-twilio'),
  'channel-telegram': () => import('@switchboard/plugin-channel-telegram'),
  'channel-viber': () => import('@switchboard/plugin-channel-viber'),
};

/**
 * Loads the definitions of every plugin in a registry, in id order, for listings like
 * `switchboard plugins`.
 *
 * @example
 * for (const definition of await loadAllPlugins(builtInPlugins)) console.log(definition.id);
 */
export async function loadAllPlugins(registry: PluginRegistry): Promise<AnyPluginDefinition[]> {
  const ids = Object.keys(registry).sort();
  return Promise.all(ids.map(async (id) => (await (registry[id] as PluginLoader)()).default));
}
