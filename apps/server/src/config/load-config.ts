import { join, resolve } from 'node:path';
import { CORE_VERSION, type ConfigProblem, type PluginEntry } from '@switchboard/core';
import * as v from 'valibot';
import type { ServerEnv } from '../env';
import { builtInPlugins, type PluginRegistry } from '../plugins';
import { substituteEnv } from './config-env';
import { embeddedDefaults } from './config-embedded-defaults';
import { locateConfig, readConfigFile } from './config-file';
import { resolvePlugins } from './config-plugins';
import { issuesToProblems, unknownKeyProblems } from './config-problems';
import { logLevels, PortSchema, ServerConfigSchema, type ServerConfig } from './config-schema';

/** The configuration the server runs with: file, environment overrides and defaults merged. */
export type ResolvedConfig = {
  /** The file that was read, or null when none exists and embedded defaults apply. */
  file: string | null;
  /**
   * The config with every default filled in and overrides applied: `dataDir` is absolute,
   * `database.url` is set (the embedded libSQL file when the file named none).
   */
  config: ServerConfig & { database: { url: string } };
  /** No `nats.url`: the server starts its own nats-server with its store here. */
  embeddedNats: { storeDir: string; binary: string | undefined; searchPath: string | undefined } | null;
  /** The enabled plugins with their options and secrets. */
  plugins: PluginEntry[];
};

/** Either the resolved config or every problem found, with the file they are about. */
export type ConfigResult = { ok: true; value: ResolvedConfig } | { ok: false; file: string; problems: ConfigProblem[] };

/** Options of {@link loadConfig}. */
export type LoadConfigOptions = {
  /** Directory relative paths (config file, dataDir) are resolved against. */
  cwd: string;
  env: ServerEnv;
  /** `--config`. */
  configFlag?: string | undefined;
  /** `--port`, already a number; wins over `PORT` and the file. */
  portFlag?: number | undefined;
  registry?: PluginRegistry | undefined;
  /** The core version plugins are checked against; the running core's by default. */
  coreVersion?: string | undefined;
};

/**
 * Loads `switchboard.config.yaml` (or `--config` / `SWITCHBOARD_CONFIG`), substitutes `${VAR}`
 * references, validates everything and checks the enabled plugins. Problems are collected, never
 * thrown one at a time: syntax errors, unknown keys, wrong types, unset variables, unknown plugins
 * and each plugin's range, options and secrets all come back together.
 *
 * Precedence: `--port` over `PORT` over the file over the default; `SWITCHBOARD_DATA_DIR`,
 * `SWITCHBOARD_ADMIN_EMAIL`, `SWITCHBOARD_ADMIN_PASSWORD` and `LOG_LEVEL` over the file.
 *
 * @example
 * const result = await loadConfig({ cwd: process.cwd(), env: readEnv() });
 * if (!result.ok) console.error(formatConfigProblems(result.problems));
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ConfigResult> {
  const location = locateConfig({ cwd: options.cwd, flag: options.configFlag, envPath: options.env.configPath });
  const file = await readConfigFile(location);
  if (file.problems.length > 0) return { ok: false, file: location.path, problems: file.problems };

  const registry = options.registry ?? builtInPlugins;
  const substituted = substituteEnv(file.found ? file.data : embeddedDefaults(registry), options.env.vars);
  const problems: ConfigProblem[] = substituted.problems.map((problem) => {
    const inPlugin = problem.path[0] === 'plugins' && problem.path.length > 2;
    return {
      plugin: inPlugin ? String(problem.path[1]) : null,
      key: (inPlugin ? problem.path.slice(2) : problem.path).join('.'),
      message: problem.message,
      expected: problem.expected,
    };
  });

  const parsed = v.safeParse(ServerConfigSchema, substituted.value);
  const scope = { plugin: null, prefix: [] };
  const coreProblems = parsed.success ? [] : issuesToProblems(parsed.issues, ServerConfigSchema, scope, file.lineOf);
  coreProblems.push(...unknownKeyProblems(ServerConfigSchema, substituted.value, scope, file.lineOf));
  problems.push(...coreProblems, ...overrideProblems(options));

  const blocks = pluginBlocks(substituted.value);
  const plugins = await resolvePlugins(blocks, registry, options.coreVersion ?? CORE_VERSION, file.lineOf);
  problems.push(...plugins.problems);

  if (problems.length > 0 || !parsed.success) return { ok: false, file: location.path, problems: dropShadowed(problems, substituted.problems.length) };
  return { ok: true, value: applyOverrides(parsed.output, plugins.entries, options, file.found ? location.path : null) };
}

function applyOverrides(config: ServerConfig, plugins: PluginEntry[], options: LoadConfigOptions, file: string | null): ResolvedConfig {
  const { env } = options;
  const dataDir = resolve(options.cwd, env.dataDir ?? config.dataDir);
  const port = options.portFlag ?? (env.port === undefined ? config.server.port : Number(env.port));
  const databaseUrl = absoluteFileUrl(config.database.url ?? `file:${join(dataDir, 'switchboard.db')}`, options.cwd);
  return {
    file,
    config: {
      ...config,
      dataDir,
      server: { ...config.server, port },
      database: { ...config.database, url: databaseUrl },
      auth: {
        ...config.auth,
        admin: { email: env.adminEmail ?? config.auth.admin.email, password: env.adminPassword ?? config.auth.admin.password },
      },
      log: { ...config.log, level: (env.logLevel as ServerConfig['log']['level'] | undefined) ?? config.log.level },
    },
    embeddedNats: config.nats.url ? null : { storeDir: join(dataDir, 'nats'), binary: env.natsServerBinary, searchPath: env.path },
    plugins,
  };
}

/** `file:./x.db` is resolved against the working directory the config was loaded for. */
function absoluteFileUrl(url: string, cwd: string): string {
  if (!url.startsWith('file:') || url.startsWith('file:/')) return url;
  return `file:${resolve(cwd, url.slice('file:'.length))}`;
}

/** Environment overrides are checked like the file, naming the variable. */
function overrideProblems(options: LoadConfigOptions): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (options.portFlag === undefined && options.env.port !== undefined && !v.safeParse(PortSchema, options.env.port).success) {
    problems.push({ plugin: null, key: 'PORT (environment)', message: 'must be a port number from 0 to 65535', received: options.env.port });
  }
  const level = options.env.logLevel;
  if (level !== undefined && !(logLevels as readonly string[]).includes(level)) {
    problems.push({ plugin: null, key: 'LOG_LEVEL (environment)', message: `unknown log level`, expected: `one of ${logLevels.join(', ')}`, received: level });
  }
  return problems;
}

function pluginBlocks(data: unknown): Record<string, unknown> {
  const plugins = data !== null && typeof data === 'object' ? (data as { plugins?: unknown }).plugins : undefined;
  return plugins !== null && typeof plugins === 'object' && !Array.isArray(plugins) ? (plugins as Record<string, unknown>) : {};
}

/**
 * An unset variable leaves an empty string behind, which the schema or a plugin's secret check
 * then reports again at the same key; the variable problem says more, so the echo is dropped.
 */
function dropShadowed(problems: ConfigProblem[], envProblemCount: number): ConfigProblem[] {
  const id = (problem: ConfigProblem): string => `${problem.plugin ?? ''}\u0000${problem.key}`;
  const envKeys = new Set(problems.slice(0, envProblemCount).map(id));
  return problems.filter((problem, index) => index < envProblemCount || !envKeys.has(id(problem)));
}
