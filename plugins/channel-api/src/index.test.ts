import { deliverCommand, deliverCommandName } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import plugin from './index';
import { verifyWebhookSignature } from './signature';
import { deliverInput } from './test-helpers/fixtures';
import { TEST_SECRETS, startPluginHarness, type PluginHarness } from './test-helpers/plugin-harness';
import { startTestReceiver, type TestReceiver } from './test-helpers/receiver';

describe('the channel-api plugin definition', () => {
  it('declares itself as a channel with its secrets and the commands it uses and serves', () => {
    expect(plugin).toMatchObject({
      id: 'channel-api',
      version: pkg.version,
      core: '^0.1.0',
      kind: 'channel',
      secrets: ['inboundToken', 'webhookSecret'],
      consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1'],
      produces: ['channel-api.message.deliver.v1'],
      migrations: [],
    });
  });

  it('refuses to start with an empty secret, naming it', async () => {
    await expect(startPluginHarness({ outbound: { url: 'https://crm.example.com/hooks' } }, { secrets: { webhookSecret: '' } })).rejects.toMatchObject({
      code: 'SWB_ERR_CHANNEL_API_SECRET_MISSING',
      message: expect.stringContaining('webhookSecret'),
    });
  });
});

describe('deliver over the bus, as the core’s dispatcher asks for it', () => {
  let receiver: TestReceiver;
  let harness: PluginHarness;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    harness = await startPluginHarness({ outbound: { url: receiver.url, timeoutMs: 2000 } });
  });
  afterAll(async () => {
    await harness?.stop();
    await receiver?.close();
  });

  const requestDeliver = (attempt: number) =>
    harness.core.bus.request(deliverCommandName('channel-api'), deliverCommand, deliverInput({ attempt }));

  it('sends the signed webhook and replies with the receiver’s id', async () => {
    receiver.respondWith((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"crm-out-1"}'));
    await expect(requestDeliver(1)).resolves.toEqual({ providerMessageId: 'crm-out-1', state: 'sent' });
    const request = receiver.requests.at(-1);
    expect(request?.headers['x-switchboard-attempt']).toBe('1');
    const ok = verifyWebhookSignature(
      TEST_SECRETS.webhookSecret,
      String(request?.headers['x-switchboard-signature']),
      String(request?.headers['x-switchboard-timestamp']),
      request?.rawBody ?? '',
    );
    expect(ok).toBe(true);
  });

  it('replies with a retryable error on 503 and a final one on 400, with the attempt in the header', async () => {
    receiver.respondWith((_req, res) => res.writeHead(503).end());
    await expect(requestDeliver(2)).rejects.toMatchObject({ code: 'http_503', retryable: true });
    expect(receiver.requests.at(-1)?.headers['x-switchboard-attempt']).toBe('2');

    receiver.respondWith((_req, res) => res.writeHead(400).end('recipient unknown'));
    await expect(requestDeliver(3)).rejects.toMatchObject({ code: 'http_400', retryable: false, message: expect.stringContaining('recipient unknown') });
    expect(receiver.requests.at(-1)?.headers['x-switchboard-attempt']).toBe('3');
  });

  it('logs each attempt with the message id, never the secret or the text', () => {
    const attempts = harness.logs.filter((line) => line.fields.messageId === deliverInput().message.id);
    expect(attempts.map((line) => [line.message, line.fields.attempt])).toEqual([
      ['message sent', 1],
      ['send failed', 2],
      ['send failed', 3],
    ]);
    const logged = JSON.stringify(harness.logs, (_key, value: unknown) => (value instanceof Error ? value.message : value));
    expect(logged).not.toContain(TEST_SECRETS.webhookSecret);
    expect(logged).not.toContain(deliverInput().message.text);
  });
});
