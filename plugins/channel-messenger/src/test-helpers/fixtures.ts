import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FOLDER = fileURLToPath(new URL('../../fixtures/messenger/', import.meta.url));

function folder(): string {
  try {
    if (statSync(FOLDER).isDirectory()) return FOLDER;
  } catch {
    // reported below
  }
  throw new Error(`the Messenger fixtures are not at ${FOLDER}; they are kept in the plugin's fixtures/messenger folder`);
}

/**
 * A Messenger fixture's exact text (for `.raw` files: the bytes Meta signed).
 *
 * @example
 * const raw = messengerFixture('inbound-text.raw');
 */
export function messengerFixture(name: string): string {
  return readFileSync(`${folder()}${name}`, 'utf8');
}

/**
 * A Messenger JSON fixture, parsed.
 *
 * @example
 * const { body } = messengerJson<{ body: object }>('send-text-request.json');
 */
export function messengerJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(messengerFixture(name)) as T;
}

/** Ids the fixtures use. */
export const PAGE_ID = '109876543210987';
export const PSID = '6789012345678901';
export const IG_ACCOUNT_ID = '17841400000000001';
export const IGSID = '1234567890123456';
