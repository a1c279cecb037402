import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatConfigProblems } from '@switchboard/core';
import { ExitCode, type CliIo } from '../cli-io';
import { loadConfig, type ConfigResult, type ResolvedConfig } from '../config/load-config';

/** Options every command that reads the config accepts. */
export type ConfigFlags = { config?: string | undefined; port?: number | undefined };

/**
 * Loads the config for a command; on problems prints all of them to stderr and hands back exit
 * code 78 (EX_CONFIG).
 *
 * @example
 * const loaded = await loadConfigOrReport(io, { config: './prod.yaml' });
 * if (!loaded.ok) return loaded.exitCode;
 */
export async function loadConfigOrReport(
  io: CliIo,
  flags: ConfigFlags,
): Promise<{ ok: true; value: ResolvedConfig } | { ok: false; exitCode: number }> {
  const result = await loadConfig({ cwd: io.cwd, env: io.env, configFlag: flags.config, portFlag: flags.port, registry: io.registry });
  if (result.ok) return result;
  io.err(describeConfigProblems(result));
  return { ok: false, exitCode: ExitCode.CONFIG };
}

/**
 * The text printed for a config that has problems: a header naming the file and the count, then
 * one line per problem.
 *
 * @example
 * io.err(describeConfigProblems(result));
 * // switchboard: 2 problems in /srv/switchboard.config.yaml:
 * // - server.port: must be a port number from 0 to 65535 (line 3) (expected number, received "http")
 * // - plugin channel-api, secrets.token: environment variable API_TOKEN is not set; ...
 */
export function describeConfigProblems(result: Extract<ConfigResult, { ok: false }>): string {
  const count = result.problems.length;
  return `switchboard: ${count} ${count === 1 ? 'problem' : 'problems'} in ${result.file}:\n${formatConfigProblems(result.problems)}`;
}

/**
 * Creates the directory of an embedded libSQL file, so the first start needs no setup.
 *
 * @example
 * await ensureDatabaseDir('file:/srv/swb/data/switchboard.db'); // mkdir -p /srv/swb/data
 */
export async function ensureDatabaseDir(url: string): Promise<void> {
  if (!url.startsWith('file:')) return;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').replace(/\?.*$/, '');
  await mkdir(dirname(path), { recursive: true });
}
