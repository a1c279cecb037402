import { CORE_VERSION } from '@switchboard/core';
import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';
import semver from 'semver';
import { describeError, ExitCode, type CliIo } from '../cli-io';
import { loadAllPlugins } from '../plugins';

/** One row of `switchboard plugins`, also the shape of each item of `--json`. */
export type PluginListing = {
  id: string;
  version: string;
  kind: string;
  core: string;
  compatible: boolean;
  consumes: string[];
  produces: string[];
};

/**
 * Describes a plugin for listing, with whether it runs on the given core version.
 *
 * @example
 * describePlugin(definition, '0.1.0'); // { id: 'channel-api', version: '0.1.0', core: '^0.1.0', compatible: true, ... }
 */
export function describePlugin(definition: AnyPluginDefinition, coreVersion: string): PluginListing {
  const range = semver.validRange(definition.core);
  return {
    id: definition.id,
    version: definition.version,
    kind: definition.kind,
    core: definition.core,
    compatible: range !== null && semver.satisfies(coreVersion, range, { includePrerelease: true }),
    consumes: [...(definition.consumes ?? [])],
    produces: [...(definition.produces ?? [])],
  };
}

/**
 * Renders listings as an aligned text table, one plugin per line.
 *
 * @example
 * console.log(formatPluginTable(listings, '0.1.0'));
 */
export function formatPluginTable(listings: PluginListing[], coreVersion: string): string {
  const header = ['ID', 'VERSION', 'KIND', 'CORE', `COMPATIBLE (core ${coreVersion})`, 'CONSUMES', 'PRODUCES'];
  const rows = listings.map((p) => [
    p.id,
    p.version,
    p.kind,
    p.core,
    p.compatible ? 'yes' : 'no',
    p.consumes.join(', ') || '-',
    p.produces.join(', ') || '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * `switchboard plugins`: every plugin this server can run, whether enabled or not, with its
 * version, kind, supported core range, compatibility with the running core and the events and
 * commands it consumes and produces. `--json` prints the same as a JSON array.
 *
 * @example
 * process.exitCode = await runPlugins(processIo(), { json: true });
 */
export async function runPlugins(io: CliIo, flags: { json?: boolean | undefined; coreVersion?: string | undefined }): Promise<number> {
  const coreVersion = flags.coreVersion ?? CORE_VERSION;
  let definitions: AnyPluginDefinition[];
  try {
    definitions = await loadAllPlugins(io.registry);
  } catch (error) {
    io.err(`switchboard: could not load the plugins: ${describeError(error)}`);
    return ExitCode.FAILURE;
  }
  const listings = definitions.map((definition) => describePlugin(definition, coreVersion));
  io.out(flags.json ? JSON.stringify(listings, null, 2) : formatPluginTable(listings, coreVersion));
  return ExitCode.OK;
}
