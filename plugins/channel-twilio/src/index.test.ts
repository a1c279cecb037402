import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import plugin from './index';

describe('the channel-twilio plugin definition', () => {
  it('declares a channel with its secret, tables and the commands and events it uses', () => {
    expect(plugin).toMatchObject({
      id: 'channel-twilio',
      version: pkg.version,
      core: '^0.1.0',
      kind: 'channel',
      secrets: ['authToken'],
      consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', 'channel-twilio.webhook.received.v1'],
      produces: ['channel-twilio.message.deliver.v1', 'channel-twilio.webhook.received.v1'],
    });
    expect(plugin.migrations?.map((m) => m.id)).toEqual(['001_tables']);
    // The window differs per account (SMS none, WhatsApp 24 h): it is declared on the accounts.
    expect(plugin.replyWindowHours).toBeUndefined();
  });

  it('refuses to set up without the Auth Token, naming the secret, before touching anything else', async () => {
    // The host already refuses a missing secret; this guards a worker process that builds its own context.
    const setup = async () => plugin.setup({ secrets: { authToken: '' } } as never);
    await expect(setup()).rejects.toMatchObject({ code: 'SWB_ERR_CHANNEL_TWILIO_SECRET_MISSING', message: expect.stringContaining('authToken') });
  });
});
