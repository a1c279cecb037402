import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The channel reference's WhatsApp Cloud payloads, kept with the plugin in fixtures/whatsapp-cloud.
const DIR = new URL('../../fixtures/whatsapp-cloud/', import.meta.url);

/**
 * The text of a WhatsApp Cloud fixture, byte for byte. Fails loudly when the fixtures are
 * not next to the repository, so no test passes by skipping.
 *
 * @example
 * const raw = fixtureText('inbound-text.raw');
 */
export function fixtureText(name: string): string {
  const url = new URL(name, DIR);
  if (!existsSync(url)) throw new Error(`fixture ${fileURLToPath(url)} is missing: it belongs in the plugin's fixtures/whatsapp-cloud folder`);
  return readFileSync(url, 'utf8');
}

/**
 * A JSON fixture, parsed, without its `_note`/`_request` commentary keys at the top.
 *
 * @example
 * const { body } = fixtureJson<{ body: unknown }>('send-text-request.json');
 */
export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** The app secret the fixtures were signed with. */
export const FIXTURE_APP_SECRET = fixtureJson<{ app_secret: string }>('signature-examples.json').app_secret;
/** The phone number id every fixture is addressed to. */
export const FIXTURE_PHONE_NUMBER_ID = '106540352242922';
