import { createHmac } from 'node:crypto';
import { createClient } from '@libsql/client';
import type { CloudEvent, CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { expect } from 'vitest';
import plugin from '../index';
import { FIXTURE_TOKEN } from './fixtures';
import { startViberStandIn, type ViberStandIn } from './viber-stand-in';

/** A second bot, to show that one config serves several. */
export const SECOND_TOKEN = '9a8b7c6d5e4f3a2b-1c0d9e8f7a6b5c4d-3e2f1a0b9c8d7e6f';

type Received = CoreEventData<'core.message.received.v1'>;
type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

/** A real Switchboard running channel-viber against a local REST API stand-in. */
export type ViberTestEnv = {
  host: TestHost;
  viber: ViberStandIn;
  tokens: Record<string, string>;
  /** POSTs a raw callback body to a bot's webhook, signed with that bot's token unless headers are given. */
  postCallback(botId: string, rawBody: string, headers?: Record<string, string>, query?: string): Promise<Response>;
  received(providerMessageId: string): Promise<CloudEvent<Received>>;
  delivery(messageId: string, state: string): Promise<CloudEvent<DeliveryUpdated>>;
  messages(conversationId: string): Promise<Message[]>;
  reply(conversationId: string, body: Record<string, unknown>): Promise<Message>;
  /** The plugin's own log of callbacks (raw bodies), read from the host's database. */
  loggedCallbacks(account: string): Promise<Array<{ key: string; body: string; processed: boolean }>>;
  subscription(account: string, userId: string): Promise<{ state: string; context: string | null } | null>;
  stop(): Promise<void>;
};

/**
 * Hex HMAC-SHA256 of a body with a token, as Viber signs callbacks (computed here on its own,
 * not with the plugin's code).
 *
 * @example
 * sign(FIXTURE_TOKEN, rawFixture('inbound-text.raw'));
 */
export function sign(token: string, body: string): string {
  return createHmac('sha256', token).update(body).digest('hex');
}

/**
 * Starts a stand-in REST API and a real host with channel-viber configured for two bots:
 * `support` (the fixtures' token, with a welcome message) and `sales`.
 *
 * @example
 * const env = await startViberTestEnv();
 * await env.postCallback('support', rawFixture('inbound-text.raw'));
 */
export async function startViberTestEnv(): Promise<ViberTestEnv> {
  const viber = await startViberStandIn([FIXTURE_TOKEN, SECOND_TOKEN]);
  const tokens: Record<string, string> = { support: FIXTURE_TOKEN, sales: SECOND_TOKEN };
  const options = {
    bots: [
      { id: 'support', token: FIXTURE_TOKEN, sender: { name: 'Example Support', avatar: 'https://files.example.com/avatar.jpg' }, welcomeMessage: { text: 'Hi! Type your question and an agent will reply.' } },
      { id: 'sales', token: SECOND_TOKEN, sender: { name: 'Example Sales' }, label: 'Sales' },
    ],
    apiBaseUrl: viber.apiBaseUrl,
    timeoutMs: 5000,
  };
  const host = await startTestHost({ plugins: [{ definition: plugin, options }], delivery: { maxAttempts: 3, backoffMs: [100] } });
  const databaseUrl = (host as TestHost & { databaseUrl?: string }).databaseUrl;
  if (!databaseUrl) throw new Error('the test host does not expose its databaseUrl; the raw-payload checks need it');
  const db = createClient({ url: databaseUrl });

  return {
    host,
    viber,
    tokens,
    postCallback(botId, rawBody, headers, query = '') {
      return fetch(`${host.url}/plugins/channel-viber/webhook/${botId}${query}`, {
        method: 'POST',
        headers: headers ?? { 'Content-Type': 'application/json', 'X-Viber-Content-Signature': sign(tokens[botId] ?? 'unknown', rawBody) },
        body: rawBody,
      });
    },
    received(providerMessageId) {
      return host.waitForEvent<Received>('core.message.received.v1', (event) => event.data.message.providerMessageId === providerMessageId);
    },
    delivery(messageId, state) {
      return host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (event) => event.data.messageId === messageId && event.data.state === state);
    },
    async messages(conversationId) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages?limit=200`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Message[] }).items;
    },
    async reply(conversationId, body) {
      const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `reply-${Math.random()}`, ...body }) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { message: Message }).message;
    },
    async loggedCallbacks(account) {
      const result = await db.execute({ sql: 'SELECT callback_key, body, processed_at FROM p_channel_viber__callbacks WHERE account = ? ORDER BY received_at', args: [account] });
      return result.rows.map((row) => ({ key: String(row.callback_key), body: String(row.body), processed: row.processed_at !== null }));
    },
    async subscription(account, userId) {
      const result = await db.execute({ sql: 'SELECT state, context FROM p_channel_viber__subscribers WHERE account = ? AND user_id = ?', args: [account, userId] });
      const row = result.rows[0];
      return row ? { state: String(row.state), context: row.context === null ? null : String(row.context) } : null;
    },
    async stop() {
      db.close();
      await host.stop();
      await viber.close();
    },
  };
}

/**
 * A `message` callback body as Viber sends it (token unquoted), for tests that need one beyond
 * the fixtures.
 *
 * @example
 * await env.postCallback('support', messageCallback({ token: '5741311803571730001', userId: 'user-1', message: { type: 'text', text: 'hi' } }));
 */
export function messageCallback(input: { token: string; userId: string; message: Record<string, unknown>; timestamp?: number; name?: string }): string {
  const sender = { id: input.userId, name: input.name ?? 'Customer', language: 'en', country: 'US', api_version: 10 };
  return `{"event":"message","timestamp":${input.timestamp ?? Date.now()},"chat_hostname":"SN-CALLBACK-02_","message_token":${input.token},"sender":${JSON.stringify(sender)},"message":${JSON.stringify(input.message)},"silent":false}`;
}
