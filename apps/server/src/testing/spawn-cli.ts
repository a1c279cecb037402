import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readEnv } from '../env';

/**
 * The CLI's entry point, run from source.
 *
 * @example
 * spawnCli(cliEntry, ['doctor'], { cwd });
 */
export const cliEntry = fileURLToPath(new URL('../cli.ts', import.meta.url));
/** The built CLI (`apps/server/dist/cli.js`, what `npm start` runs); `npm test` builds it first. */
export const builtCliEntry = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * The CLI with the fake plugins of `fake-plugins.ts` as its registry.
 *
 * @example
 * spawnCli(fakePluginsCliEntry, ['start'], { cwd });
 */
export const fakePluginsCliEntry = fileURLToPath(new URL('./cli-with-fake-plugins.ts', import.meta.url));

/** A running CLI process and what it printed so far. */
export type SpawnedCli = {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
};

/** Variables of the test runner's environment that would change what the CLI does. */
const serverVariables = ['PORT', 'SWITCHBOARD_CONFIG', 'SWITCHBOARD_DATA_DIR', 'SWITCHBOARD_ADMIN_EMAIL', 'SWITCHBOARD_ADMIN_PASSWORD', 'LOG_LEVEL'];

/**
 * Runs the CLI from TypeScript source with tsx's loader (nothing is built), in `cwd`, with the
 * test runner's environment minus the server's own variables plus `env`.
 *
 * @example
 * const cli = spawnCli(cliEntry, ['plugins', '--json'], { cwd: dir });
 * expect(await cli.exited).toBe(0);
 */
export function spawnCli(entry: string, args: string[], options: { cwd: string; env?: Record<string, string> }): SpawnedCli {
  const inherited = { ...readEnv().vars };
  for (const name of serverVariables) delete inherited[name];
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...args], {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * Ids of running nats-server processes whose command line mentions `text` (a temp store dir),
 * read from /proc.
 *
 * @example
 * expect(natsServerPids(storeDir)).toHaveLength(1);
 */
export function natsServerPids(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\u0000', ' ');
    } catch {
      continue; // the process ended while we looked
    }
    if (commandLine.includes('nats-server') && commandLine.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Polls until `probe` is true, failing early when `stop` says waiting is pointless.
 *
 * @example
 * await waitUntil(async () => (await fetch(url)).ok, { stop: () => exitCode !== null, what: 'the server to answer' });
 */
export async function waitUntil(probe: () => Promise<boolean>, options: { what: string; stop?: () => string | null; timeoutMs?: number }): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    const reason = options.stop?.();
    if (reason) throw new Error(`gave up waiting for ${options.what}: ${reason}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${options.what}`);
}
