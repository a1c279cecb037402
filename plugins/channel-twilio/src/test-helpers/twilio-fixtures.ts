import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The channel reference's Twilio payloads, kept with the plugin in fixtures/twilio-sms. */
const FIXTURES = new URL('../../fixtures/twilio-sms/', import.meta.url);

function fixturePath(name: string): string {
  const dir = fileURLToPath(FIXTURES);
  if (!existsSync(dir)) {
    throw new Error(`the Twilio fixtures are missing: expected ${dir} (the plugin's fixtures/twilio-sms folder)`);
  }
  const path = fileURLToPath(new URL(name, FIXTURES));
  if (!existsSync(path)) throw new Error(`the Twilio fixture ${name} is missing from ${dir}`);
  return path;
}

/**
 * One fixture file's text, exactly as stored (form bodies are the bytes Twilio signs).
 *
 * @example
 * const body = readFixtureText('inbound-sms.txt');
 */
export function readFixtureText(name: string): string {
  // Bodies are single lines; an editor's trailing newline is not part of what Twilio posted.
  const text = readFileSync(fixturePath(name), 'utf8');
  return name.endsWith('.txt') ? text.replace(/\r?\n$/, '') : text;
}

/**
 * One JSON fixture, parsed.
 *
 * @example
 * const examples = readFixtureJson<SignatureExamples>('signature-examples.json');
 */
export function readFixtureJson<T>(name: string): T {
  return JSON.parse(readFixtureText(name)) as T;
}

/** The shape of `signature-examples.json`. */
export type SignatureExamples = {
  auth_token: string;
  account_sid: string;
  form_examples: Array<{ body_file: string; url: string; expected_x_twilio_signature: string }>;
  worked_example: { body_file: string; string_to_sign: string; expected_x_twilio_signature: string };
  negative_examples: Array<{ what: string; url: string; x_twilio_signature_of_original?: string; computed_signature_for_this_url?: string; expected_valid?: boolean }>;
  json_body_example: { raw_body: string; body_sha256_hex: string; url: string; expected_x_twilio_signature: string };
};

/** The `.json` twin of a form body: the request it came with and its decoded parameters. */
export type FormFixture = {
  request: { method: string; url: string; headers: Record<string, string> };
  params: Record<string, string>;
};

/** The error fixtures: the HTTP status and JSON body the Messages API answers with. */
export type ErrorFixture = { status: number; body: { code: number; message: string; more_info: string; status: number } };

/** The made-up credentials every fixture is signed with. */
export const FIXTURE_AUTH_TOKEN = 'f00dbabe0123456789abcdef01234567';
export const FIXTURE_ACCOUNT_SID = 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** The Messaging Service of the fixtures' business number. */
export const FIXTURE_SERVICE_SID = 'MG0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** Where the fixtures say Twilio was configured to call: a proxy in front of the plugin's routes. */
export const FIXTURE_WEBHOOK_BASE = 'https://inbox.example.com/webhooks/twilio';
export const BUSINESS_NUMBER = '+12025550100';
export const CUSTOMER_NUMBER = '+12025550143';
