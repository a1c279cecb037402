import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDatabase, checkNats, findNatsServerBinary, formatConfigProblems, startNatsServer } from '@switchboard/core';
import { describeError, ExitCode, type CliIo } from '../cli-io';
import { loadConfig, type ResolvedConfig } from '../config/load-config';
import type { ConfigFlags } from './command-config';

/** The outcome of one doctor check. */
export type DoctorCheck = { name: string; ok: boolean; detail: string };

/**
 * `switchboard doctor`: checks that the config is valid, the data directory is writable, the
 * database answers and NATS is reachable with JetStream (for embedded NATS: the nats-server binary
 * exists and starts in a temporary store). Prints ✓ or ✗ per check; exit code 1 if any failed.
 *
 * @example
 * process.exitCode = await runDoctor(processIo(), {});
 */
export async function runDoctor(io: CliIo, flags: ConfigFlags): Promise<number> {
  const checks: DoctorCheck[] = [];
  const report = (check: DoctorCheck): void => {
    checks.push(check);
    io.out(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
  };

  const result = await loadConfig({ cwd: io.cwd, env: io.env, configFlag: flags.config, portFlag: flags.port, registry: io.registry });
  if (!result.ok) {
    report({ name: 'config', ok: false, detail: `${result.problems.length} problem(s) in ${result.file}` });
    io.out(indent(formatConfigProblems(result.problems)));
    io.out('  The other checks need a valid config and were skipped.');
    return ExitCode.FAILURE;
  }
  const resolved = result.value;
  report(describeConfig(resolved));
  report(await checkDataDir(resolved.config.dataDir));
  report(await checkDatabaseReachable(resolved));
  report(resolved.embeddedNats ? await checkEmbeddedNats(resolved.embeddedNats) : await checkNatsReachable(resolved));

  const failed = checks.filter((check) => !check.ok).length;
  io.out(failed === 0 ? 'All checks passed.' : `${failed} of ${checks.length} checks failed.`);
  return failed === 0 ? ExitCode.OK : ExitCode.FAILURE;
}

function describeConfig(resolved: ResolvedConfig): DoctorCheck {
  const plugins = resolved.plugins.map((p) => `${p.definition.id}@${p.definition.version}`);
  const source = resolved.file ?? 'no config file, embedded defaults';
  return { name: 'config', ok: true, detail: `valid (${source}; plugins: ${plugins.length ? plugins.join(', ') : 'none enabled'})` };
}

async function checkDataDir(dataDir: string): Promise<DoctorCheck> {
  const name = 'data directory';
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = join(dataDir, `.doctor-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
    return { name, ok: true, detail: `${dataDir} is writable` };
  } catch (error) {
    return { name, ok: false, detail: `${dataDir} is not writable: ${describeError(error)}` };
  }
}

async function checkDatabaseReachable(resolved: ResolvedConfig): Promise<DoctorCheck> {
  const { url, authToken } = resolved.config.database;
  const where = url.startsWith('file:') ? url : url.replace(/\?.*$/, '');
  try {
    const outcome = await checkDatabase(authToken ? { url, authToken } : { url });
    return outcome.ok ? { name: 'database', ok: true, detail: `${where} answers` } : { name: 'database', ok: false, detail: `${where}: ${outcome.error}` };
  } catch (error) {
    return { name: 'database', ok: false, detail: `${where}: ${describeError(error)}` };
  }
}

async function checkNatsReachable(resolved: ResolvedConfig): Promise<DoctorCheck> {
  const { nats } = resolved.config;
  const servers = nats.url ?? [];
  // a URL may carry credentials; show only scheme, host and port
  const where = servers.map((url) => url.replace(/\/\/[^@/]*@/, '//')).join(', ');
  try {
    const outcome = await checkNats({ servers, token: nats.token ?? undefined, user: nats.user ?? undefined, pass: nats.pass ?? undefined });
    if (!outcome.ok) return { name: 'NATS', ok: false, detail: `${where}: ${outcome.error}` };
    if (!outcome.jetstream) {
      return { name: 'NATS', ok: false, detail: `${where} answers (server ${outcome.serverVersion}) but JetStream is off; start nats-server with -js` };
    }
    return { name: 'NATS', ok: true, detail: `${where} answers (server ${outcome.serverVersion}, JetStream on)` };
  } catch (error) {
    return { name: 'NATS', ok: false, detail: `${where}: ${describeError(error)}` };
  }
}

async function checkEmbeddedNats(embedded: NonNullable<ResolvedConfig['embeddedNats']>): Promise<DoctorCheck> {
  const name = 'NATS (embedded)';
  let binary: string;
  try {
    binary = findNatsServerBinary(embedded.binary, embedded.searchPath);
  } catch (error) {
    return { name, ok: false, detail: describeError(error) };
  }
  const storeDir = await mkdtemp(join(tmpdir(), 'switchboard-doctor-'));
  try {
    const server = await startNatsServer({ storeDir, binary });
    try {
      const outcome = await checkNats({ servers: [server.url] });
      if (!outcome.ok) return { name, ok: false, detail: `${binary} started but does not answer: ${outcome.error}` };
      if (!outcome.jetstream) return { name, ok: false, detail: `${binary} started without JetStream` };
      return { name, ok: true, detail: `${binary} starts with JetStream (server ${outcome.serverVersion})` };
    } finally {
      await server.stop();
    }
  } catch (error) {
    return { name, ok: false, detail: `${binary} does not start: ${describeError(error)}` };
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
