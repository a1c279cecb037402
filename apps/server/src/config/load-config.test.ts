import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env';
import type { PluginRegistry } from '../plugins';
import { echoPlugin, fakeRegistry } from '../testing/fake-plugins';
import { loadConfig, type ConfigResult, type LoadConfigOptions } from './load-config';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(yaml: string | null, options: Partial<LoadConfigOptions> & { vars?: Record<string, string> } = {}): Promise<ConfigResult> {
  if (yaml !== null) await writeFile(join(dir, 'switchboard.config.yaml'), yaml);
  return loadConfig({ cwd: dir, env: readEnv(options.vars ?? {}), registry: fakeRegistry, ...options });
}

function ok(result: ConfigResult) {
  if (!result.ok) throw new Error(`expected a valid config, got:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.value;
}

function problems(result: ConfigResult) {
  if (result.ok) throw new Error('expected problems, the config was valid');
  return result.problems;
}

describe('loadConfig defaults', () => {
  it('runs on embedded defaults when there is no config file', async () => {
    const resolved = ok(await load(null));
    expect(resolved.file).toBeNull();
    expect(resolved.config.server).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(resolved.config.dataDir).toBe(join(dir, 'data'));
    expect(resolved.config.database.url).toBe(`file:${join(dir, 'data', 'switchboard.db')}`);
    expect(resolved.embeddedNats).toEqual({ storeDir: join(dir, 'data', 'nats') });
    expect(resolved.config.auth.sessionTtlHours).toBe(12);
    expect(resolved.config.log).toEqual({ level: 'info', pretty: false });
    expect(resolved.config.attachments.driver).toBe('local');
    expect(resolved.plugins).toEqual([]);
  });

  it('treats empty sections and an empty plugin block as defaults', async () => {
    const resolved = ok(await load('server:\nnats:\nplugins:\n  echo:\n    secrets: { apiKey: k }\n'));
    expect(resolved.config.server.port).toBe(3000);
    expect(resolved.plugins.map((p) => p.definition.id)).toEqual(['echo']);
    expect(resolved.plugins[0]?.options).toEqual({});
  });

  it('uses an external NATS and libSQL server when the file names them', async () => {
    const resolved = ok(await load('nats:\n  url: [nats://a:4222, nats://b:4222]\ndatabase:\n  url: libsql://db.example.com\n  authToken: t\n'));
    expect(resolved.embeddedNats).toBeNull();
    expect(resolved.config.nats.url).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(resolved.config.database).toEqual({ url: 'libsql://db.example.com', authToken: 't' });
  });

  it('resolves relative paths against the working directory', async () => {
    const resolved = ok(await load('dataDir: ./state\ndatabase:\n  url: file:./db/main.db\n'));
    expect(resolved.config.dataDir).toBe(join(dir, 'state'));
    expect(resolved.config.database.url).toBe(`file:${join(dir, 'db', 'main.db')}`);
  });

  it('does not load a plugin that is disabled', async () => {
    const registry: PluginRegistry = {
      echo: async () => {
        throw new Error('must not be loaded');
      },
    };
    const resolved = ok(await load('plugins:\n  echo:\n    enabled: false\n', { registry }));
    expect(resolved.plugins).toEqual([]);
  });
});

describe('loadConfig environment', () => {
  it('substitutes ${VAR} and ${VAR:-default} in string values, typed by the schema', async () => {
    const yaml = [
      'server:',
      '  port: ${HTTP_PORT:-4100}',
      '  publicUrl: https://${HOST_NAME}/inbox',
      'nats:',
      '  url: ${NATS_URLS}',
      '  token: ${NATS_TOKEN}',
      'log:',
      '  pretty: ${PRETTY:-false}',
      'plugins:',
      '  echo:',
      '    options: { prefix: "$${not a var}" }',
      '    secrets: { apiKey: "${ECHO_KEY}" }',
    ].join('\n');
    const resolved = ok(
      await load(yaml, { vars: { HOST_NAME: 'swb.example.com', NATS_URLS: 'nats://a:4222, nats://b:4222', NATS_TOKEN: 's3cret', ECHO_KEY: 'key-1' } }),
    );
    expect(resolved.config.server.port).toBe(4100);
    expect(resolved.config.server.publicUrl).toBe('https://swb.example.com/inbox');
    expect(resolved.config.nats).toMatchObject({ url: ['nats://a:4222', 'nats://b:4222'], token: 's3cret' });
    expect(resolved.config.log.pretty).toBe(false);
    expect(resolved.plugins[0]).toMatchObject({ options: { prefix: '${not a var}' }, secrets: { apiKey: 'key-1' } });
  });

  it('lets --port win over PORT, and PORT over the file', async () => {
    const yaml = 'server:\n  port: 3100\n';
    expect(ok(await load(yaml)).config.server.port).toBe(3100);
    expect(ok(await load(yaml, { vars: { PORT: '3200' } })).config.server.port).toBe(3200);
    expect(ok(await load(yaml, { vars: { PORT: '3200' }, portFlag: 3300 })).config.server.port).toBe(3300);
  });

  it('takes the data dir, admin and log level from the environment over the file', async () => {
    const yaml = 'dataDir: ./a\nauth:\n  admin: { email: file@example.com }\nlog:\n  level: warn\n';
    const vars = { SWITCHBOARD_DATA_DIR: '/var/lib/swb', SWITCHBOARD_ADMIN_EMAIL: 'env@example.com', SWITCHBOARD_ADMIN_PASSWORD: 'long-enough-pw', LOG_LEVEL: 'debug' };
    const resolved = ok(await load(yaml, { vars }));
    expect(resolved.config.dataDir).toBe('/var/lib/swb');
    expect(resolved.config.auth.admin).toEqual({ email: 'env@example.com', password: 'long-enough-pw' });
    expect(resolved.config.log.level).toBe('debug');
  });

  it('reads the file named by --config, else SWITCHBOARD_CONFIG', async () => {
    await writeFile(join(dir, 'a.yaml'), 'server: { port: 1111 }\n');
    await writeFile(join(dir, 'b.yaml'), 'server: { port: 2222 }\n');
    expect(ok(await load(null, { vars: { SWITCHBOARD_CONFIG: 'b.yaml' } })).config.server.port).toBe(2222);
    const resolved = ok(await load(null, { vars: { SWITCHBOARD_CONFIG: 'b.yaml' }, configFlag: join(dir, 'a.yaml') }));
    expect(resolved.config.server.port).toBe(1111);
    expect(resolved.file).toBe(join(dir, 'a.yaml'));
  });
});

describe('loadConfig problems', () => {
  it('reports an unknown key, a wrong type, an unset variable and an unknown plugin in one run', async () => {
    const yaml = ['server:', '  port: lots', 'nats:', '  token: ${NATS_TOKEN}', 'colour: blue', 'plugins:', '  telepathy: {}'].join('\n');
    const found = problems(await load(yaml));
    expect(found).toHaveLength(4);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ plugin: null, key: 'server.port', message: expect.stringMatching(/port number.*line 2/), received: '"lots"' }),
        expect.objectContaining({ plugin: null, key: 'nats.token', message: expect.stringContaining('NATS_TOKEN is not set') }),
        expect.objectContaining({ plugin: null, key: 'colour', message: expect.stringContaining('unknown key "colour"'), expected: expect.stringContaining('server, dataDir') }),
        expect.objectContaining({ plugin: 'telepathy', key: 'id', message: expect.stringContaining('echo, future-crm'), expected: 'one of echo, future-crm' }),
      ]),
    );
  });

  it('suggests the key meant by a typo, also in sections owned by the core', async () => {
    const found = problems(await load('server:\n  prot: 3000\nattachments:\n  maxByte: 10\n'));
    expect(found).toEqual([
      expect.objectContaining({ key: 'server.prot', message: expect.stringContaining('did you mean "port"?') }),
      expect.objectContaining({ key: 'attachments.maxByte', message: expect.stringContaining('did you mean "maxBytes"?') }),
    ]);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const found = problems(await load('server:\n  port: 3000\n  port: 3001\n'));
    expect(found).toEqual([expect.objectContaining({ key: 'line 3, column 3', message: expect.stringContaining('Map keys must be unique') })]);
  });

  it('refuses a config file that was named but does not exist', async () => {
    const found = problems(await load(null, { configFlag: 'missing.yaml' }));
    expect(found).toEqual([expect.objectContaining({ key: join(dir, 'missing.yaml'), message: 'config file does not exist' })]);
  });

  it('reports an unset secret variable once, not again as a missing secret', async () => {
    const found = problems(await load('plugins:\n  echo:\n    secrets:\n      apiKey: ${ECHO_KEY}\n'));
    expect(found).toEqual([expect.objectContaining({ plugin: 'echo', key: 'secrets.apiKey', message: expect.stringContaining('ECHO_KEY is not set') })]);
  });

  it('names the plugin for problems in its block', async () => {
    const found = problems(await load('plugins:\n  echo:\n    enabled: maybe\n    option: {}\n'));
    expect(found).toEqual([
      expect.objectContaining({ plugin: 'echo', key: 'enabled', message: expect.stringContaining('must be true or false') }),
      expect.objectContaining({ plugin: 'echo', key: 'option', message: expect.stringContaining('did you mean "options"?') }),
    ]);
  });

  it('checks environment overrides too', async () => {
    const found = problems(await load(null, { vars: { PORT: 'eighty', LOG_LEVEL: 'loud' } }));
    expect(found.map((p) => p.key)).toEqual(['PORT (environment)', 'LOG_LEVEL (environment)']);
  });

  it('never repeats a secret value in a problem', async () => {
    const found = problems(await load('nats:\n  token: 123456789\n'));
    expect(found).toEqual([expect.objectContaining({ key: 'nats.token' })]);
    expect(JSON.stringify(found)).not.toContain('123456789');
  });
});

describe('loadConfig plugins', () => {
  it('hands enabled plugins to the core with their options and secrets', async () => {
    const resolved = ok(await load('plugins:\n  echo:\n    options: { retries: 5 }\n    secrets: { apiKey: k }\n'));
    expect(resolved.plugins).toEqual([{ definition: echoPlugin, options: { retries: 5 }, secrets: { apiKey: 'k' } }]);
  });
});
