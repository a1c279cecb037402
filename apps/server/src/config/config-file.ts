import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ConfigProblem } from '@switchboard/core';
import { LineCounter, parseDocument } from 'yaml';

/**
 * The file name looked for in the working directory.
 *
 * @example
 * join(process.cwd(), defaultConfigFileName); // '/srv/swb/switchboard.config.yaml'
 */
export const defaultConfigFileName = 'switchboard.config.yaml';

/** Where the config comes from, and whether the admin named it (then it must exist). */
export type ConfigLocation = { path: string; explicit: boolean };

/**
 * Picks the config file: `--config`, else `SWITCHBOARD_CONFIG`, else `switchboard.config.yaml` in
 * the working directory. Relative paths are resolved against the working directory.
 *
 * @example
 * locateConfig({ cwd: '/srv/swb' }); // { path: '/srv/swb/switchboard.config.yaml', explicit: false }
 * locateConfig({ cwd: '/srv/swb', flag: 'prod.yaml' }); // { path: '/srv/swb/prod.yaml', explicit: true }
 */
export function locateConfig(options: { cwd: string; flag?: string | undefined; envPath?: string | undefined }): ConfigLocation {
  const named = options.flag ?? options.envPath;
  if (named) return { path: isAbsolute(named) ? named : resolve(options.cwd, named), explicit: true };
  return { path: resolve(options.cwd, defaultConfigFileName), explicit: false };
}

/** The parsed file: plain data, syntax problems, and a way to find the line of a key path. */
export type ConfigFile = {
  /** Whether a file was read; false means embedded defaults. */
  found: boolean;
  data: unknown;
  problems: ConfigProblem[];
  /** The 1-based line of the value at a key path, when the file has it. */
  lineOf(path: readonly (string | number)[]): number | undefined;
};

/**
 * Reads and parses the YAML config. A missing file is fine unless it was named explicitly;
 * every syntax error is reported with its line and column.
 *
 * @example
 * const file = await readConfigFile(locateConfig({ cwd: process.cwd() }));
 * if (file.problems.length) console.error(file.problems);
 */
export async function readConfigFile(location: ConfigLocation): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(location.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !location.explicit) return { found: false, data: {}, problems: [], lineOf: () => undefined };
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    return {
      found: false,
      data: {},
      problems: [{ plugin: null, key: location.path, message: `config file ${reason}`, expected: 'a readable YAML file' }],
      lineOf: () => undefined,
    };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => {
    const position = error.linePos?.[0];
    return {
      plugin: null,
      key: position ? `line ${position.line}, column ${position.col}` : 'YAML',
      message: `YAML syntax error: ${error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')}`,
    };
  });
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  if (problems.length > 0) return { found: true, data: {}, problems, lineOf };
  return { found: true, data: doc.toJS({ maxAliasCount: 100 }) ?? {}, problems, lineOf };
}
