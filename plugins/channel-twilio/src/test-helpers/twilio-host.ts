import type { CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { createTwilioPlugin } from '../index';
import { FIXTURE_ACCOUNT_SID, FIXTURE_AUTH_TOKEN, FIXTURE_WEBHOOK_BASE } from './twilio-fixtures';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in';

type Received = CoreEventData<'core.message.received.v1'>;
type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

/** A real Switchboard running channel-twilio against a local Twilio stand-in. */
export type TwilioTestHost = {
  host: TestHost;
  twilio: TwilioStandIn;
  /** Waits until the core recorded the inbound message with this MessageSid. */
  received(messageSid: string): Promise<Message>;
  /** Every message of a conversation, over the REST API. */
  messages(conversationId: string): Promise<Message[]>;
  /** One message as the REST API shows it. */
  message(conversationId: string, messageId: string): Promise<Message>;
  /** An agent's reply over the REST API. */
  reply(conversationId: string, body: Record<string, unknown>): Promise<Message>;
  /** Waits until a message reached a delivery state, and returns it as the REST API shows it then. */
  delivery(message: Message, state: Message['delivery']['state']): Promise<Message>;
  stop(): Promise<void>;
};

/**
 * Starts the stand-in and a test host with channel-twilio configured for the fixtures' account,
 * signing URL and numbers.
 *
 * @example
 * const t = await startTwilioTestHost({ numbers: [{ number: '+12025550100', sms: true }] });
 */
export async function startTwilioTestHost(options: { numbers: unknown[]; now?: () => Date }): Promise<TwilioTestHost> {
  const twilio = await startTwilioStandIn({ accountSid: FIXTURE_ACCOUNT_SID, authToken: FIXTURE_AUTH_TOKEN });
  const host = await startTestHost({
    plugins: [
      {
        definition: createTwilioPlugin(options.now ? { now: options.now } : {}),
        options: { accountSid: FIXTURE_ACCOUNT_SID, apiBaseUrl: twilio.url, webhookBaseUrl: FIXTURE_WEBHOOK_BASE, sendTimeoutMs: 5000, numbers: options.numbers, media: { timeoutMs: 5000 } },
        secrets: { authToken: FIXTURE_AUTH_TOKEN },
      },
    ],
    delivery: { maxAttempts: 4, backoffMs: [100] },
  });

  const messages = async (conversationId: string) => {
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`);
    if (res.status !== 200) throw new Error(`GET messages of ${conversationId}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: Message[] }).items;
  };
  const message = async (conversationId: string, messageId: string) => {
    const found = (await messages(conversationId)).find((m) => m.id === messageId);
    if (!found) throw new Error(`message ${messageId} is not in conversation ${conversationId}`);
    return found;
  };
  return {
    host,
    twilio,
    async received(messageSid) {
      const event = await host.waitForEvent<Received>('core.message.received.v1', (e) => e.data.message.providerMessageId === messageSid);
      return message(event.data.conversationId, event.data.message.id);
    },
    messages,
    message,
    async reply(conversationId, body) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `reply-${Math.random()}`, ...body }) });
      if (res.status !== 201) throw new Error(`reply refused: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { message: Message }).message;
    },
    async delivery(sent, state) {
      await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === sent.id && e.data.state === state);
      return message(sent.conversationId, sent.id);
    },
    async stop() {
      await host.stop();
      await twilio.close();
    },
  };
}
