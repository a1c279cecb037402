import { definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { PluginRegistry } from '../plugins';

/**
 * A well-formed plugin for the running core, with options and a secret.
 *
 * @example
 * const registry = { echo: async () => ({ default: echoPlugin }) };
 */
export const echoPlugin = definePlugin({
  id: 'echo',
  version: '1.2.3',
  core: '>=0.0.0',
  kind: 'integration',
  consumes: ['core.message.received.v1'],
  produces: ['echo.message.echoed.v1'],
  config: v.object({ prefix: v.optional(v.string(), '> '), retries: v.optional(v.number(), 3) }),
  secrets: ['apiKey'],
  setup() {},
});

/**
 * A plugin built for a core far in the future, with a required option and a secret: a config for
 * it can be wrong in every way at once.
 *
 * @example
 * const registry = { 'future-crm': async () => ({ default: futurePlugin }) };
 */
export const futurePlugin = definePlugin({
  id: 'future-crm',
  version: '9.0.0',
  core: '^99.0.0',
  kind: 'integration',
  consumes: [],
  produces: ['future-crm.contact.synced.v1'],
  config: v.object({ endpoint: v.string(), batchSize: v.optional(v.number(), 50) }),
  secrets: ['apiToken'],
  setup() {},
});

/**
 * The fake plugins by id, as the server's registry would list them.
 *
 * @example
 * await loadConfig({ cwd, env, registry: fakeRegistry });
 */
export const fakeRegistry: PluginRegistry = {
  echo: async () => ({ default: echoPlugin }),
  'future-crm': async () => ({ default: futurePlugin }),
};
