import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import plugin from './index';

describe('the channel-email plugin definition', () => {
  it('declares itself as a channel with its tables, the commands it uses and serves, and its events', () => {
    expect(plugin).toMatchObject({ id: 'channel-email', version: pkg.version, core: '^0.1.0', kind: 'channel' });
    expect(plugin.produces).toEqual(
      expect.arrayContaining(['channel-email.message.deliver.v1', 'channel-email.channel.describe.v1', 'channel-email.mail.received.v1', 'channel-email.mail.processed.v1']),
    );
    expect(plugin.consumes).toEqual(
      expect.arrayContaining(['core.message.record_inbound.v1', 'core.message.update_delivery.v1', 'core.contact.get.v1', 'core.conversation.add_leg.v1', 'core.message.send.v1']),
    );
    expect(plugin.migrations?.map((m) => m.id)).toEqual(['001_mail_store']);
    // Passwords are per account, so they are options (with ${ENV}), not the SDK's fixed secret names.
    expect(plugin.secrets ?? []).toEqual([]);
  });
});
