import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env';
import { builtInPlugins } from '../plugins';
import { fakeRegistry } from '../testing/fake-plugins';
import { DEMO_SITE_KEY } from './config-embedded-defaults';
import { loadConfig } from './load-config';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('embedded defaults', () => {
  it('enable the web chat with a demo widget when there is no config file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-defaults-'));
    const result = await loadConfig({ cwd: dir, env: readEnv({}) });
    if (!result.ok) throw new Error(`the embedded defaults are invalid:\n${JSON.stringify(result.problems, null, 2)}`);
    const webchat = result.value.plugins.find((p) => p.definition.id === 'channel-webchat');
    expect(webchat?.options).toMatchObject({ widgets: [{ id: 'demo', siteKey: DEMO_SITE_KEY }], demo: { enabled: true, widget: 'demo' } });
    expect(webchat?.secrets.identitySecrets).toMatch(/^[0-9a-f]{48}$/);
    expect(builtInPlugins['channel-webchat']).toBeDefined();
  });

  it('add nothing for a server without the web chat plugin', async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-defaults-'));
    const result = await loadConfig({ cwd: dir, env: readEnv({}), registry: fakeRegistry });
    expect(result.ok && result.value.plugins).toEqual([]);
  });
});
