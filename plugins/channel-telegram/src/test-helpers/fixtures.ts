import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The channel reference's Telegram payloads, kept with the plugin in fixtures/telegram. */
const FIXTURES_DIR = new URL('../../fixtures/telegram/', import.meta.url);

/** A recorded webhook request of the fixtures: the headers Telegram sent and the update. */
export type WebhookFixture = { _request: { headers: Record<string, string> }; body: Record<string, unknown> };

/**
 * Reads one fixture file as JSON. Fails loudly when the fixtures are missing: these tests
 * replay them and must never pass without them.
 *
 * @example
 * const text = fixture<WebhookFixture>('inbound-text.json');
 */
export function fixture<T = Record<string, unknown>>(name: string): T {
  const dir = fileURLToPath(FIXTURES_DIR);
  if (!existsSync(dir)) throw new Error(`the Telegram fixtures are missing: expected them in ${dir} (the plugin's fixtures/telegram folder)`);
  return JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), 'utf8')) as T;
}

/** The bot token of the fixtures (Telegram's own documentation example). */
export const FIXTURE_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
/** The bot id of {@link FIXTURE_TOKEN}. */
export const FIXTURE_BOT_ID = '110201543';
/** The webhook secret of the fixtures. */
export const FIXTURE_SECRET = 'inbox_tg_webhook_3f9a7c21-Example';
/** The customer of the fixtures. */
export const FIXTURE_CHAT = '5551234567';
