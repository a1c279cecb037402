import type { CoreEventData, Message } from '@switchboard/events';
import { signHubBody } from '@switchboard/plugin-sdk';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import plugin from '../index';
import { FIXTURE_APP_SECRET } from './fixtures';
import type { GraphStandIn } from './graph-stand-in';
import { withMessage } from './payloads';

/** Secrets of the plugin under test; the app secret is the fixtures' so `.raw` files verify as Meta signed them. */
export const TEST_SECRETS = { appSecret: FIXTURE_APP_SECRET, verifyToken: 's3cr3t-verify-token', accessToken: 'test-access-token-0123' } as const;
/** The second business number configured next to the fixtures' one. */
export const SECOND_NUMBER = '106540352242999';

/** A real Switchboard running the WhatsApp plugin against a Graph stand-in, with webhook helpers. */
export type WhatsAppTestHost = TestHost & {
  /** POSTs a body to the webhook, signed with the app secret unless a signature is given. */
  postWebhook(body: string | object, options?: { signature?: string | null; secret?: string }): Promise<Response>;
  /** Waits until the core recorded the inbound message with this wamid. */
  received(providerMessageId: string): Promise<Message>;
  /** Posts a fresh text message and waits for it: every webhook posted before has then been processed. */
  drain(): Promise<void>;
  messagesOf(conversationId: string): Promise<Message[]>;
  /** An agent's reply over REST. */
  reply(conversationId: string, body: Record<string, unknown>): Promise<Message>;
  /** Waits until an outbound message reaches a delivery state, and returns it as the REST API shows it. */
  deliveryState(conversationId: string, messageId: string, state: string): Promise<Message>;
};

let sentinels = 0;

/**
 * Starts the host with two business numbers and media upload for outbound files.
 *
 * @example
 * const host = await startWhatsAppHost(graph);
 * await host.postWebhook(fixtureText('inbound-text.raw'));
 */
export async function startWhatsAppHost(graph: GraphStandIn): Promise<WhatsAppTestHost> {
  const host = await startTestHost({
    plugins: [
      {
        definition: plugin,
        options: {
          accounts: [{ phoneNumberId: '106540352242922', label: 'Support +1 202-555-0100' }, { phoneNumberId: SECOND_NUMBER }],
          graphApiBaseUrl: graph.baseUrl,
          outboundMedia: 'upload',
          requestTimeoutMs: 5000,
        },
        secrets: { ...TEST_SECRETS },
      },
    ],
    delivery: { maxAttempts: 3, backoffMs: [100] },
  });
  const messagesOf = async (conversationId: string) => {
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages?limit=200`);
    if (!res.ok) throw new Error(`messages of ${conversationId}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: Message[] }).items;
  };
  const received = async (providerMessageId: string) => {
    const event = await host.waitForEvent<CoreEventData<'core.message.received.v1'>>('core.message.received.v1', (e) => e.data.message.providerMessageId === providerMessageId);
    return event.data.message;
  };
  const postWebhook: WhatsAppTestHost['postWebhook'] = (body, options = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const signature = options.signature === undefined ? signHubBody(options.secret ?? TEST_SECRETS.appSecret, raw) : options.signature;
    return fetch(`${host.url}/plugins/channel-whatsapp-cloud/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(signature === null ? {} : { 'X-Hub-Signature-256': signature }) },
      body: raw,
    });
  };
  return Object.assign(host, {
    postWebhook,
    received,
    messagesOf,
    async drain() {
      const id = `wamid.sentinel-${++sentinels}-${Date.now()}`;
      const res = await postWebhook(withMessage({ id, from: '12025550199', from_user_id: undefined, type: 'text', text: { body: 'sentinel' } }));
      if (res.status !== 200) throw new Error(`sentinel refused: ${res.status}`);
      await received(id);
    },
    async reply(conversationId: string, body: Record<string, unknown>) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `c-${Math.random()}`, ...body }) });
      if (res.status !== 201) throw new Error(`reply refused: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { message: Message }).message;
    },
    async deliveryState(conversationId: string, messageId: string, state: string) {
      await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === messageId && e.data.state === state);
      const message = (await messagesOf(conversationId)).find((m) => m.id === messageId);
      if (!message) throw new Error(`message ${messageId} is not in conversation ${conversationId}`);
      return message;
    },
  });
}
