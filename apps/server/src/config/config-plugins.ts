import { checkPlugins, type ConfigProblem, type PluginEntry } from '@switchboard/core';
import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { PluginRegistry } from '../plugins';
import { PluginBlockSchema } from './config-schema';
import { issuesToProblems, withLine, type LineOf } from './config-problems';

/** Result of {@link resolvePlugins}. */
export type ResolvedPlugins = {
  /** The enabled plugins, ready for the core; meaningful only when there are no problems. */
  entries: PluginEntry[];
  problems: ConfigProblem[];
};

/**
 * Turns the `plugins:` section into plugin entries: checks each block's shape, refuses ids the
 * registry does not know (naming the ones it does), loads the enabled plugins' definitions and
 * lets the core check them (core range, options against the plugin's schema, secrets,
 * dependencies). Every problem of every plugin is returned, not just the first.
 *
 * @example
 * const { entries, problems } = await resolvePlugins({ 'channel-api': { options: {} } }, builtInPlugins, CORE_VERSION, () => undefined);
 */
export async function resolvePlugins(
  blocks: Readonly<Record<string, unknown>>,
  registry: PluginRegistry,
  coreVersion: string,
  lineOf: LineOf,
): Promise<ResolvedPlugins> {
  const problems: ConfigProblem[] = [];
  const entries: PluginEntry[] = [];
  const known = Object.keys(registry).sort();

  for (const [id, raw] of Object.entries(blocks)) {
    const loader = registry[id];
    if (!loader) {
      problems.push({
        plugin: id,
        key: 'id',
        message: withLine(`unknown plugin "${id}"; this server knows ${known.length ? known.join(', ') : 'no plugins'}`, lineOf(['plugins', id])),
        expected: `one of ${known.join(', ')}`,
      });
      continue;
    }
    const block = v.safeParse(PluginBlockSchema, raw);
    if (!block.success) {
      problems.push(...issuesToProblems(block.issues, PluginBlockSchema, { plugin: id, prefix: ['plugins', id] }, lineOf));
      continue;
    }
    if (!block.output.enabled) continue;
    const definition = await loadDefinition(id, loader, problems);
    if (definition) entries.push({ definition, options: block.output.options, secrets: block.output.secrets });
  }

  for (const { received, ...problem } of checkPlugins(entries, coreVersion)) {
    const path = ['plugins', problem.plugin ?? '', ...problem.key.split('.')];
    const located: ConfigProblem = { ...problem, message: withLine(problem.message, lineOf(path)) };
    // a missing option has nothing to show as "received"
    if (received !== undefined && received !== 'undefined') located.received = received;
    problems.push(located);
  }
  return { entries, problems };
}

async function loadDefinition(id: string, loader: PluginRegistry[string], problems: ConfigProblem[]): Promise<AnyPluginDefinition | undefined> {
  let definition: AnyPluginDefinition | undefined;
  try {
    definition = (await loader()).default;
  } catch (error) {
    problems.push({ plugin: id, key: 'package', message: `the plugin's package could not be loaded: ${(error as Error).message}` });
    return undefined;
  }
  if (!definition || typeof definition !== 'object' || typeof definition.setup !== 'function') {
    problems.push({ plugin: id, key: 'package', message: 'the package does not default-export a plugin made with definePlugin()' });
    return undefined;
  }
  if (definition.id !== id) {
    problems.push({ plugin: id, key: 'id', message: `the package declares id "${definition.id}"`, expected: id, received: definition.id });
    return undefined;
  }
  return definition;
}
