import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = new URL('../../fixtures/email/', import.meta.url);

/** The email fixtures (`fixtures/email`: the channel reference's payloads, kept with the plugin). */
export function fixturesDir(): string {
  const dir = fileURLToPath(FIXTURES);
  if (!existsSync(dir)) throw new Error(`the email fixtures are missing: expected them in ${dir} (the plugin's fixtures/email folder)`);
  return dir;
}

/**
 * A fixture's raw bytes, optionally with strings replaced (ids the test generated for real).
 *
 * @example
 * const raw = fixture('inbound-reply-with-quote.eml', { '3f1c9a62-…': token });
 */
export function fixture(name: string, replace: Record<string, string> = {}): Buffer {
  let text = readFileSync(`${fixturesDir()}${name}`, 'latin1');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return Buffer.from(text, 'latin1');
}

/** The expectations of expected-parse.json. */
export type ExpectedParse = {
  conversation_uuid: string;
  files: Record<string, { message_id?: string; in_reply_to?: string | null; references?: string[]; reply_text?: string; customer?: string; auto_reply?: boolean; bounce?: boolean; status?: string; original_message_id?: string; failed_recipient?: string; attachments?: Array<{ filename: string; content_type: string; size: number; disposition: string; content_id?: string }> }>;
};

/** expected-parse.json, parsed. */
export function expectedParse(): ExpectedParse {
  return JSON.parse(readFileSync(`${fixturesDir()}expected-parse.json`, 'utf8')) as ExpectedParse;
}

/** The conversation uuid the fixtures' reply tokens and Message-IDs carry. */
export const FIXTURE_UUID = '3f1c9a62-8e4b-4d2a-9b7e-5c0d1e2f3a4b';
/** The Message-ID of the agent reply the fixture replies answer. */
export const FIXTURE_AGENT_MESSAGE_ID = `conversation/${FIXTURE_UUID}/messages/812@example.com`;
/** The Message-ID of the agent reply the fixture DSN reports as undeliverable. */
export const FIXTURE_BOUNCED_MESSAGE_ID = `conversation/${FIXTURE_UUID}/messages/813@example.com`;
