import semver from 'semver';
import * as v from 'valibot';
import type { ConfigProblem, PluginEntry } from '../switchboard-options';

type SchemaNode = {
  type?: string;
  expects?: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
};

/**
 * Checks every enabled plugin against the running core and its own declarations: compatibility
 * range, options (types and unknown keys), secrets and dependencies. Returns every problem at
 * once, each naming plugin and key, so an admin fixes the config in one go.
 *
 * @example
 * const problems = checkPlugins(entries, CORE_VERSION);
 * if (problems.length) console.error(formatConfigProblems(problems));
 */
export function checkPlugins(entries: PluginEntry[], coreVersion: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const def = entry.definition;
    const plugin = def.id;
    if (!/^[a-z][a-z0-9-]*$/.test(def.id)) {
      problems.push({ plugin, key: 'id', message: 'plugin id must be kebab-case', expected: 'kebab-case', received: def.id });
    }
    if (ids.has(def.id)) problems.push({ plugin, key: 'id', message: 'plugin is enabled twice' });
    ids.add(def.id);
    if (!semver.validRange(def.core)) {
      problems.push({ plugin, key: 'core', message: `plugin declares an invalid core range "${def.core}"`, expected: 'a semver range such as ^0.1.0' });
    } else if (!semver.satisfies(coreVersion, def.core, { includePrerelease: true })) {
      problems.push({
        plugin,
        key: 'core',
        message: `${plugin}@${def.version} supports core ${def.core}, but this is core ${coreVersion}; install a version of ${plugin} built for core ${coreVersion}`,
        expected: def.core,
        received: coreVersion,
      });
    }
    const options = entry.options ?? {};
    const result = v.safeParse(def.config, options);
    if (!result.success) {
      for (const issue of result.issues) {
        const key = `options.${v.getDotPath(issue) ?? ''}`.replace(/\.$/, '');
        const missing = issue.received === 'undefined';
        // Length checks report the length, not the value: harmless.
        const received = /length|size|bytes|words|graphemes/i.test(issue.type) ? issue.received : shownValue(key, issue.received);
        const message = missing ? `required option ${key.slice('options.'.length)} is missing` : issue.message.split(issue.received).join(received);
        const problem: ConfigProblem = { plugin, key, message };
        const expected = missing ? schemaAt(def.config as unknown as SchemaNode, key.split('.').slice(1))?.expects : issue.expected;
        if (expected) problem.expected = expected;
        if (!missing) problem.received = received;
        problems.push(problem);
      }
    }
    for (const path of unknownKeys(def.config as unknown as SchemaNode, options, 'options')) {
      problems.push({ plugin, key: path, message: `unknown option "${path.split('.').pop() ?? path}"`, expected: 'one of the options in the plugin README' });
    }
    const declared = new Set(def.secrets ?? []);
    for (const name of declared) {
      const value = entry.secrets[name];
      if (value === undefined || value === '') {
        problems.push({ plugin, key: `secrets.${name}`, message: `missing secret "${name}"; set it in the config's secrets block, e.g. ${name}: \${${envName(plugin, name)}}`, expected: 'a non-empty string' });
      }
    }
    for (const name of Object.keys(entry.secrets)) {
      if (!declared.has(name)) problems.push({ plugin, key: `secrets.${name}`, message: `unknown secret "${name}"`, expected: [...declared].join(', ') || 'no secrets' });
    }
  }
  for (const entry of entries) {
    for (const dep of entry.definition.dependsOn ?? []) {
      if (!ids.has(dep)) problems.push({ plugin: entry.definition.id, key: 'dependsOn', message: `needs plugin "${dep}", which is not enabled`, expected: dep });
    }
  }
  return problems;
}

const SECRET_LOOKING_KEY = /token|secret|password|passwd|credential|api.?key|private|auth/i;

/**
 * What a config problem may show of the value it received: the value itself, unless the key looks
 * like it holds a secret (tokens often sit in options, e.g. one per bot) or the value is long
 * enough to be one — then only its kind, so a config error never puts a secret in the logs.
 *
 * @example
 * shownValue('options.bots.0.token', '"123:abc"'); // 'a string'
 * shownValue('options.mode', '"fast"');            // '"fast"'
 */
export function shownValue(key: string, received: string): string {
  if (!SECRET_LOOKING_KEY.test(key.split('.').pop() ?? key) && received.length <= 40) return received;
  if (received.startsWith('"')) return `a string of ${received.length - 2} characters`;
  if (/^-?\d/.test(received)) return 'a number';
  return received.length <= 40 ? received : 'a value';
}

/**
 * Renders problems as one line each: `plugin key: message (expected …, received …)`.
 *
 * @example
 * console.error(formatConfigProblems(problems));
 */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  return problems
    .map((p) => {
      const where = p.plugin ? `plugin ${p.plugin}, ${p.key}` : p.key;
      const extra = [p.expected ? `expected ${p.expected}` : '', p.received ? `received ${p.received}` : ''].filter(Boolean).join(', ');
      return `- ${where}: ${p.message}${extra ? ` (${extra})` : ''}`;
    })
    .join('\n');
}

function envName(plugin: string, secret: string): string {
  return `${plugin}_${secret}`.replace(/[^a-zA-Z0-9]+/g, '_').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function schemaAt(schema: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const key of path) node = unwrap(node)?.entries?.[key];
  return node;
}

function unwrap(schema: SchemaNode | undefined): SchemaNode | undefined {
  let node = schema;
  while (node?.wrapped) node = node.wrapped;
  return node;
}

function unknownKeys(schema: SchemaNode, value: unknown, path: string): string[] {
  const node = unwrap(schema);
  if (!node || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    return node.type === 'array' && node.item ? value.flatMap((item, i) => unknownKeys(node.item as SchemaNode, item, `${path}.${i}`)) : [];
  }
  if ((node.type !== 'object' && node.type !== 'strict_object') || !node.entries) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const entry = node.entries[key];
    if (!entry) out.push(`${path}.${key}`);
    else out.push(...unknownKeys(entry, child, `${path}.${key}`));
  }
  return out;
}
