import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import plugin from './index';

describe('the channel-viber plugin definition', () => {
  it('declares a channel with its own version, tables, event and deliver command, and no secrets', () => {
    expect(plugin).toMatchObject({
      id: 'channel-viber',
      version: pkg.version,
      core: '^0.1.0',
      kind: 'channel',
      consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', 'channel-viber.webhook.received.v1'],
      produces: ['channel-viber.message.deliver.v1', 'channel-viber.webhook.received.v1'],
    });
    expect(pkg.version).toBe('0.1.0');
    // Bot tokens live in the options (one per bot, as ${ENV} references), not in fixed secrets.
    expect(plugin.secrets).toBeUndefined();
    expect(plugin.migrations?.map((m) => m.id)).toEqual(['001_tables']);
  });
});
