import { computeTwilioSignature } from '../twilio-signature';
import { FIXTURE_AUTH_TOKEN, FIXTURE_WEBHOOK_BASE, readFixtureJson, readFixtureText, type FormFixture } from './twilio-fixtures';

/** The plugin's two webhook routes. */
export type WebhookPath = '/messages' | '/status';

/**
 * Encodes parameters as Twilio posts them.
 *
 * @example
 * formBody({ From: '+12025550143', Body: 'STOP' }); // 'From=%2B12025550143&Body=STOP'
 */
export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/**
 * Posts a form body to the plugin the way Twilio does, signed for the URL the fixtures say Twilio
 * was configured with (a proxy's `https://inbox.example.com/webhooks/twilio/...`), unless the
 * caller brings its own signature.
 *
 * @example
 * const res = await postWebhook(host.url, '/messages', formBody(params));
 */
export function postWebhook(
  hostUrl: string,
  path: WebhookPath,
  body: string,
  options: { signature?: string | null; token?: string; signedUrl?: string; contentType?: string; query?: string } = {},
): Promise<Response> {
  const query = options.query ?? '';
  const signedUrl = options.signedUrl ?? `${FIXTURE_WEBHOOK_BASE}${path}${query}`;
  const signature = options.signature === undefined ? computeTwilioSignature(options.token ?? FIXTURE_AUTH_TOKEN, signedUrl, [...new URLSearchParams(body)]) : options.signature;
  return fetch(`${hostUrl}/plugins/channel-twilio${path}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'X-Twilio-Signature': signature }) },
    body,
  });
}

/**
 * Replays a fixture exactly: its `.txt` body with the `X-Twilio-Signature` header of its `.json` twin.
 *
 * @example
 * const res = await replayFixture(host.url, 'inbound-sms');
 */
export function replayFixture(hostUrl: string, name: string): Promise<Response> {
  const fixture = readFixtureJson<FormFixture>(`${name}.json`);
  const path: WebhookPath = fixture.request.url.endsWith('/status') ? '/status' : '/messages';
  return postWebhook(hostUrl, path, readFixtureText(`${name}.txt`), { signature: fixture.request.headers['X-Twilio-Signature'] ?? null });
}

/**
 * The decoded parameters of a form fixture.
 *
 * @example
 * fixtureParams('inbound-sms').MessageSid; // 'SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b'
 */
export function fixtureParams(name: string): Record<string, string> {
  return readFixtureJson<FormFixture>(`${name}.json`).params;
}

let sidCounter = 0;

/**
 * A fresh SID in Twilio's shape: two letters and 32 hex digits.
 *
 * @example
 * newSid('SM'); // 'SM00000000000000000000000000000001' (counting up)
 */
export function newSid(prefix: 'SM' | 'MM' | 'ME'): string {
  sidCounter += 1;
  return `${prefix}${(0xabc00000 + sidCounter).toString(16).padStart(32, '0')}`;
}
