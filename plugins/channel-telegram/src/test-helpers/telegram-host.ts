import { createClient } from '@libsql/client';
import type { CloudEvent, CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { expect } from 'vitest';
import plugin from '../index';
import { resolveBots, TelegramConfigSchema } from '../telegram-config';
import { FIXTURE_SECRET, FIXTURE_TOKEN } from './fixtures';
import { startTelegramStandIn, type TelegramStandIn } from './telegram-stand-in';
import * as v from 'valibot';

/** A second bot, to show that one config serves several. */
export const SECOND_TOKEN = '220301654:BBExampleSecondBotToken_0123456789';
export const SECOND_BOT_ID = '220301654';

type Received = CoreEventData<'core.message.received.v1'>;
type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

/** A real Switchboard running channel-telegram against a local Bot API stand-in. */
export type TelegramTestEnv = {
  host: TestHost;
  telegram: TelegramStandIn;
  /** The webhook secret of each bot, by bot id. */
  secrets: Record<string, string>;
  /** POSTs an update to a bot's webhook with that bot's secret (or the given headers). */
  postUpdate(botId: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Waits until the core has recorded the message with this provider id. */
  received(providerMessageId: string): Promise<CloudEvent<Received>>;
  /** Waits for a delivery state of an outbound message. */
  delivery(messageId: string, state: string): Promise<CloudEvent<DeliveryUpdated>>;
  messages(conversationId: string): Promise<Message[]>;
  /** An agent's reply through the REST API; returns the queued message. */
  reply(conversationId: string, body: Record<string, unknown>): Promise<Message>;
  /** The plugin's own log of received updates (raw bodies), read from the host's database. */
  loggedUpdates(account: string): Promise<Array<{ update_id: number; body: string; processed: boolean }>>;
  stop(): Promise<void>;
};

/**
 * Starts a stand-in Bot API and a real host with channel-telegram configured for two bots: the
 * fixtures' bot (with the fixtures' secret) and a second one (with a derived secret).
 *
 * @example
 * const env = await startTelegramTestEnv();
 * await env.postUpdate('110201543', fixture('inbound-text.json').body);
 */
export async function startTelegramTestEnv(extraOptions: Record<string, unknown> = {}): Promise<TelegramTestEnv> {
  const telegram = await startTelegramStandIn([FIXTURE_TOKEN, SECOND_TOKEN]);
  const options = {
    bots: [{ token: FIXTURE_TOKEN, webhookSecret: FIXTURE_SECRET, label: 'Example Support' }, { token: SECOND_TOKEN }],
    apiBaseUrl: telegram.url,
    timeoutMs: 5000,
    maxFloodWaitSeconds: 1,
    ...extraOptions,
  };
  const secrets = Object.fromEntries(resolveBots(v.parse(TelegramConfigSchema, options)).map((bot) => [bot.id, bot.webhookSecret]));
  const host = await startTestHost({ plugins: [{ definition: plugin, options }], delivery: { maxAttempts: 3, backoffMs: [100] } });
  const databaseUrl = (host as TestHost & { databaseUrl?: string }).databaseUrl;
  if (!databaseUrl) throw new Error('the test host does not expose its databaseUrl; the raw-payload checks need it');
  const db = createClient({ url: databaseUrl });

  return {
    host,
    telegram,
    secrets,
    postUpdate(botId, body, headers) {
      return fetch(`${host.url}/plugins/channel-telegram/webhook/${botId}`, {
        method: 'POST',
        headers: headers ?? { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secrets[botId] ?? '' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
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
    async loggedUpdates(account) {
      const result = await db.execute({ sql: 'SELECT update_id, body, processed_at FROM p_channel_telegram__updates WHERE account = ? ORDER BY update_id', args: [account] });
      return result.rows.map((row) => ({ update_id: Number(row.update_id), body: String(row.body), processed: row.processed_at !== null }));
    },
    async stop() {
      db.close();
      await host.stop();
      await telegram.close();
    },
  };
}

/**
 * A text update from a customer in a private chat, for tests that need a conversation.
 *
 * @example
 * await env.postUpdate(botId, textUpdate({ updateId: 9001, chatId: 5550000001, messageId: 1, text: 'hi' }));
 */
export function textUpdate(input: { updateId: number; chatId: number; messageId: number; text: string; firstName?: string }): Record<string, unknown> {
  const user = { id: input.chatId, is_bot: false, first_name: input.firstName ?? 'Customer' };
  return { update_id: input.updateId, message: { message_id: input.messageId, from: user, chat: { id: input.chatId, first_name: user.first_name, type: 'private' }, date: 1795352700, text: input.text } };
}
