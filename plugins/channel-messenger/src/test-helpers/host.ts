import type { CoreEventData, Message } from '@switchboard/events';
import { signHubBody } from '@switchboard/plugin-sdk';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import plugin from '../index';
import { IG_ACCOUNT_ID, PAGE_ID, messengerJson } from './fixtures';
import type { MetaStandIn } from './meta-stand-in';

/** A second Page next to the fixtures' one. */
export const OTHER_PAGE_ID = '109876543210988';
/** Page tokens the stand-in expects, by Page. */
export const PAGE_TOKENS = { [PAGE_ID]: 'page-token-acme', [OTHER_PAGE_ID]: 'page-token-other' } as const;
/** The app secret the fixtures were signed with. */
export const APP_SECRET = messengerJson<{ app_secret: string }>('signature-examples.json').app_secret;

/** The Messenger plugin in a real host, with helpers to play Meta and the agent. */
export type MessengerHost = TestHost & {
  webhook(body: string | object, signature?: string | null): Promise<Response>;
  recorded(providerMessageId: string): Promise<Message>;
  /** A sentinel message from a person of its own; once it is recorded, everything posted before was processed. */
  settle(): Promise<void>;
  items(conversationId: string): Promise<Message[]>;
  answer(conversationId: string, body: Record<string, unknown>): Promise<Message>;
  reaches(conversationId: string, messageId: string, state: string): Promise<Message>;
};

let settled = 0;

/**
 * Starts a host serving two Pages and one Instagram account (linked to the first Page).
 *
 * @example
 * const host = await startMessengerHost(meta);
 */
export async function startMessengerHost(meta: MetaStandIn): Promise<MessengerHost> {
  const host = await startTestHost({
    plugins: [
      {
        definition: plugin,
        options: {
          accounts: [{ id: PAGE_ID, label: 'Acme' }, { id: OTHER_PAGE_ID }, { id: IG_ACCOUNT_ID, platform: 'instagram', pageId: PAGE_ID, label: '@acme' }],
          appId: '123456789012345',
          graphApiBaseUrl: meta.baseUrl,
          requestTimeoutMs: 5000,
        },
        secrets: { appSecret: APP_SECRET, verifyToken: 's3cr3t-verify-token', pageAccessTokens: Object.entries(PAGE_TOKENS).map(([id, token]) => `${id}=${token}`).join(',') },
      },
    ],
    delivery: { maxAttempts: 3, backoffMs: [100] },
  });
  const webhook = (body: string | object, signature?: string | null) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const header = signature === undefined ? signHubBody(APP_SECRET, raw) : signature;
    return fetch(`${host.url}/plugins/channel-messenger/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(header === null ? {} : { 'X-Hub-Signature-256': header }) }, body: raw });
  };
  const recorded = async (providerMessageId: string) =>
    (await host.waitForEvent<CoreEventData<'core.message.received.v1'>>('core.message.received.v1', (e) => e.data.message.providerMessageId === providerMessageId)).data.message;
  const items = async (conversationId: string) => ((await (await host.request(`/api/v1/conversations/${conversationId}/messages?limit=200`)).json()) as { items: Message[] }).items;
  return Object.assign(host, {
    webhook,
    recorded,
    items,
    async settle() {
      const mid = `m_settle_${++settled}_${Date.now()}`;
      const res = await webhook({ object: 'page', entry: [{ id: OTHER_PAGE_ID, time: Date.now(), messaging: [{ sender: { id: '5550000000000001' }, recipient: { id: OTHER_PAGE_ID }, timestamp: Date.now(), message: { mid, text: 'settle' } }] }] });
      if (res.status !== 200) throw new Error(`settle webhook refused: ${res.status}`);
      await recorded(mid);
    },
    async answer(conversationId: string, body: Record<string, unknown>) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `a-${Math.random()}`, ...body }) });
      if (res.status !== 201) throw new Error(`reply refused: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { message: Message }).message;
    },
    async reaches(conversationId: string, messageId: string, state: string) {
      await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === messageId && e.data.state === state);
      return (await items(conversationId)).find((m) => m.id === messageId)!;
    },
  });
}

/**
 * A fixture with its (first) event changed, e.g. a fresh timestamp or another sender.
 *
 * @example
 * const body = fixtureEvent('inbound-text.json', (e) => { e.timestamp = Date.now(); });
 */
export function fixtureEvent(name: string, change: (event: Record<string, any>) => void = () => {}): Record<string, unknown> {
  const payload = messengerJson<{ entry: Array<{ messaging: Array<Record<string, unknown>> }> }>(name);
  change(payload.entry[0]!.messaging[0]!);
  return payload as unknown as Record<string, unknown>;
}
