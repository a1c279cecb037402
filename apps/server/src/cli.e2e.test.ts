import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from './testing/nats-without-jetstream';
import { builtCliEntry, cliEntry, fakePluginsCliEntry, natsServerPids, spawnCli, waitUntil, type SpawnedCli } from './testing/spawn-cli';

let root: string;
const running: SpawnedCli[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
});
afterAll(async () => {
  // a failed assertion must not leave a server (and its nats-server) behind
  for (const cli of running) if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

async function workDir(name: string, yaml: string | null): Promise<string> {
  const cwd = join(root, name);
  await mkdir(cwd, { recursive: true });
  if (yaml !== null) await writeFile(join(cwd, 'switchboard.config.yaml'), yaml);
  return cwd;
}

/** Starts `switchboard start`, waits for /healthz, stops it with SIGTERM; returns what it printed. */
async function startAndStop(cwd: string, port: number) {
  const cli = spawnCli(cliEntry, ['start'], { cwd });
  running.push(cli);
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, {
    what: `GET /healthz on port ${port}`,
    stop: () => (cli.child.exitCode === null ? null : `the CLI exited with ${cli.child.exitCode}:\n${cli.stderr()}\n${cli.stdout()}`),
  });
  const natsWhileRunning = natsServerPids(join(cwd, 'data', 'nats'));
  cli.child.kill('SIGTERM');
  const exitCode = await cli.exited;
  return { exitCode, stdout: cli.stdout(), stderr: cli.stderr(), natsWhileRunning, natsAfterStop: natsServerPids(join(cwd, 'data', 'nats')) };
}

describe('switchboard start (spawned CLI)', () => {
  it('serves /healthz on embedded defaults, prints the first-run admin once, and stops cleanly on SIGTERM', async () => {
    const port = await freeTcpPort();
    const cwd = await workDir('embedded', `server:\n  port: ${port}\n  host: 127.0.0.1\n`);

    const first = await startAndStop(cwd, port);
    expect(first.stdout).toContain(`Switchboard listening on http://`);
    expect(first.stdout).toMatch(/password: \S+/);
    expect(first.natsWhileRunning).toHaveLength(1);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.natsAfterStop).toEqual([]);

    const second = await startAndStop(cwd, port);
    expect(second.stdout).toContain('Switchboard listening on http://');
    expect(second.stdout).not.toMatch(/password: \S+/);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.natsAfterStop).toEqual([]);
  });

  it('the built server (what npm start runs) starts its core writer thread from its own bundle', async () => {
    if (!existsSync(builtCliEntry)) throw new Error(`no server build at ${builtCliEntry}: run \`pnpm --filter @switchboard/server build\` first (\`npm test\` does)`);
    const port = await freeTcpPort();
    const cwd = await workDir('built', `server:\n  port: ${port}\n  host: 127.0.0.1\n`);
    const cli = spawnCli(builtCliEntry, ['start'], { cwd });
    running.push(cli);
    let ready: { checks?: Record<string, string> } = {};
    await waitUntil(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        ready = (await res.json()) as typeof ready;
        return res.status === 200;
      },
      { what: `GET /readyz on port ${port}`, stop: () => (cli.child.exitCode === null ? null : `the CLI exited with ${cli.child.exitCode}:\n${cli.stderr()}\n${cli.stdout()}`) },
    );
    expect(ready.checks?.writer).toBe('ok');
    cli.child.kill('SIGTERM');
    expect(await cli.exited, cli.stderr()).toBe(0);
  });

  it('exits with 78 and lists every problem when a plugin is incompatible and misconfigured', async () => {
    const yaml = [
      'plugins:',
      '  future-crm:',
      '    options:',
      '      batchSize: fifty',
      '      colour: red',
      '      endpoint: https://crm.example.com',
    ].join('\n');
    const cwd = await workDir('incompatible', yaml);
    const cli = spawnCli(fakePluginsCliEntry, ['start'], { cwd });
    running.push(cli);
    expect(await cli.exited).toBe(78);
    const stderr = cli.stderr();
    expect(stderr).toContain('4 problems in');
    expect(stderr).toMatch(/- plugin future-crm, core: future-crm@9\.0\.0 supports core \^99\.0\.0, but this is core \S+.*\(expected \^99\.0\.0/);
    expect(stderr).toMatch(/- plugin future-crm, options\.batchSize: .*\(line 4\).*expected number/);
    expect(stderr).toMatch(/- plugin future-crm, options\.colour: unknown option "colour"/);
    expect(stderr).toMatch(/- plugin future-crm, secrets\.apiToken: missing secret "apiToken"/);
    expect(natsServerPids(cwd)).toEqual([]);
  });

  it('exits with 78 for problems in the built-in plugins and the core sections alike', async () => {
    const yaml = [
      'server:',
      '  port: ${MISSING_PORT}',
      'colour: blue',
      'plugins:',
      '  channel-api:',
      '    options: { outbound: { url: https://crm.example.com/hooks }, speed: 11 }',
      '  smoke-signals: {}',
    ].join('\n');
    const cwd = await workDir('bad-config', yaml);
    const cli = spawnCli(cliEntry, ['start'], { cwd });
    running.push(cli);
    expect(await cli.exited).toBe(78);
    const stderr = cli.stderr();
    expect(stderr).toContain('- server.port: environment variable MISSING_PORT is not set');
    expect(stderr).toContain('- colour: unknown key "colour"');
    expect(stderr).toContain('- plugin channel-api, options.speed: unknown option "speed"');
    expect(stderr).toContain('- plugin channel-api, secrets.inboundToken: missing secret');
    expect(stderr).toContain('- plugin channel-api, secrets.webhookSecret: missing secret');
    expect(stderr).toMatch(/- plugin smoke-signals, id: unknown plugin "smoke-signals"; this server knows channel-api/);
  });
});

describe('switchboard (spawned CLI)', () => {
  it('lists the built-in plugins as JSON', async () => {
    const cli = spawnCli(cliEntry, ['plugins', '--json'], { cwd: await workDir('plugins', null) });
    running.push(cli);
    expect(await cli.exited).toBe(0);
    const listings = JSON.parse(cli.stdout()) as { id: string; compatible: boolean }[];
    expect(listings).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'channel-api', compatible: true })]));
  });

  it('refuses a port that is not a number', async () => {
    const cli = spawnCli(cliEntry, ['start', '--port', 'eighty'], { cwd: await workDir('bad-port', null) });
    running.push(cli);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain("option '-p, --port <port>' argument 'eighty' is invalid. must be a port number from 0 to 65535");
  });
});
