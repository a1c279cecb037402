import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { describeChannelCommand, describeChannelCommandName } from '@switchboard/events';
import { createBus, definePlugin, type AnyPluginDefinition, type BusRuntime } from '@switchboard/plugin-sdk';
import { pino } from 'pino';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from '../nats/connect-nats';
import { startNatsServer, type NatsServerProcess } from '../nats/nats-server-process';
import { createChannelCatalog } from './channel-catalog';

const channel = (id: string, replyWindowHours?: number): AnyPluginDefinition =>
  definePlugin({ id, version: '1.0.0', core: '^0.1.0', kind: 'channel', config: v.object({}), setup: () => undefined, ...(replyWindowHours ? { replyWindowHours } : {}) });

describe('channel catalog over a real nats-server', () => {
  const logger = pino({ level: 'silent' });
  let dir: string;
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let serving: BusRuntime;
  let asking: BusRuntime;
  let asked = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-catalog-'));
    nats = await startNatsServer({ storeDir: join(dir, 'nats') });
    nc = await connectNats({ servers: [nats.url] }, 'catalog-test');
    serving = createBus({ nc, owner: 'channel-counted', logger: logger as never });
    serving.handle(describeChannelCommandName('channel-counted'), describeChannelCommand, async () => {
      asked += 1;
      return { accounts: [{ id: 'main', label: 'Main', identityType: 'phone', replyWindowHours: 24 }, { id: 'quiet', label: 'Quiet', identityType: null, replyWindowHours: null }] };
    });
    await serving.start();
    asking = createBus({ nc, owner: 'core', logger: logger as never });
    await asking.start();
  });
  afterAll(async () => {
    await serving?.stop();
    await asking?.stop();
    await nc?.drain().catch(() => undefined);
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks a channel once and reuses the answer while it is fresh', async () => {
    const catalog = createChannelCatalog({ bus: asking, definitions: () => [channel('channel-counted')], logger: logger as never, ttlMs: 60_000 });
    const before = asked;
    const answers = await Promise.all([catalog.accounts('channel-counted'), catalog.accounts('channel-counted')]);
    await catalog.accounts('channel-counted');
    expect(answers[0]!.map((a) => a.id)).toEqual(['main', 'quiet']);
    expect(asked - before).toBe(1);
    const fresh = createChannelCatalog({ bus: asking, definitions: () => [channel('channel-counted')], logger: logger as never, ttlMs: 0 });
    await fresh.accounts('channel-counted');
    await fresh.accounts('channel-counted');
    expect(asked - before).toBe(3);
  });

  it('takes the window of the account, else the definition’s, else none; a channel that does not answer offers nothing', async () => {
    const catalog = createChannelCatalog({ bus: asking, definitions: () => [channel('channel-counted', 72), channel('channel-silent', 48), channel('channel-none')], logger: logger as never, timeoutMs: 500 });
    expect(catalog.channels()).toEqual(['channel-counted', 'channel-silent', 'channel-none']);
    expect(await catalog.replyWindowHours('channel-counted', 'main')).toBe(24);
    expect(await catalog.replyWindowHours('channel-counted', 'quiet')).toBe(72);
    expect(await catalog.accounts('channel-silent')).toEqual([]);
    expect(await catalog.replyWindowHours('channel-silent', 'default')).toBe(48);
    expect(await catalog.replyWindowHours('channel-none', 'default')).toBeUndefined();
  });
});
