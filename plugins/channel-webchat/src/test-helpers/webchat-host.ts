import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeliveryFailure, createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import * as v from 'valibot';
import plugin from '../index';
import { SHOP_ORIGIN } from './webchat-test-client';

const fixturesDir = fileURLToPath(new URL('../../fixtures/webchat/', import.meta.url));

/** Our scheme's worked example from the shared fixtures: secret, external id and its user hash. */
export type IdentityFixture = { secret: string; external_id: string; expected_user_hash: string; negative: { external_id: string; user_hash_of_cust_000042: string } };

/**
 * The `ours_suggested` block of identity-hmac-examples.json; fails clearly when the shared folder
 * is missing.
 *
 * @example
 * const { secret, external_id, expected_user_hash } = identityFixture();
 */
export function identityFixture(): IdentityFixture {
  try {
    return (JSON.parse(readFileSync(`${fixturesDir}identity-hmac-examples.json`, 'utf8')) as { ours_suggested: IdentityFixture }).ours_suggested;
  } catch (cause) {
    throw new Error(`the web chat fixtures are missing at ${fixturesDir} (the plugin's fixtures/webchat folder)`, { cause });
  }
}

/**
 * A stand-in for the email channel: POST `/plugins/channel-mail-test/inbound` `{ from, text }`
 * records a message from that (verified) address, so a contact with an email identity exists.
 */
export const mailChannelStandIn = definePlugin({
  id: 'channel-mail-test',
  version: '0.0.0',
  core: '^0.1.0',
  kind: 'channel',
  config: v.object({}),
  setup(ctx) {
    const channel = createChannelAdapter(ctx, {
      deliver: async () => {
        throw new DeliveryFailure({ code: 'not_here', message: 'the mail stand-in does not send', retryable: false });
      },
    });
    ctx.http.post('/inbound', async (c) => {
      const body = (await c.req.json()) as { from: string; id: string; text: string };
      return c.json(await channel.recordInbound({ thread: body.from, from: { identity: { type: 'email', value: body.from } }, providerMessageId: body.id, text: body.text }));
    });
  },
});

/** The widgets the integration tests run against. */
export const TEST_WIDGETS = {
  main: 'wk_main_test01',
  gated: 'wk_gated_test1',
  short: 'wk_short_test1',
  tight: 'wk_tight_test1',
  members: 'wk_members_t01',
} as const;

/**
 * Starts a real host (nats-server, libSQL file, core) with channel-webchat and the mail stand-in.
 *
 * @example
 * const host = await startWebchatHost();
 */
export async function startWebchatHost(): Promise<TestHost> {
  const origins = [SHOP_ORIGIN];
  return startTestHost({
    delivery: { maxAttempts: 3, backoffMs: [100, 200] },
    plugins: [
      {
        definition: plugin,
        options: {
          widgets: [
            {
              id: 'main',
              name: 'Acme support',
              siteKey: TEST_WIDGETS.main,
              allowedOrigins: origins,
              locale: 'pl',
              greeting: 'Cześć! W czym pomóc?',
              expectedReplyMinutes: 5,
              proactive: [{ id: 'pricing-help', urlPattern: '*/pricing*', afterSeconds: 20, returningVisitor: null, message: 'Questions about plans?' }],
              attachments: { maxBytes: 2048 },
            },
            { id: 'gated', siteKey: TEST_WIDGETS.gated, allowedOrigins: origins, preChat: { mode: 'required', name: 'optional', email: 'required', consent: 'required' } },
            { id: 'short', siteKey: TEST_WIDGETS.short, allowedOrigins: origins, sessionTtlSeconds: 1 },
            { id: 'tight', siteKey: TEST_WIDGETS.tight, allowedOrigins: origins, rateLimits: { messagesPerVisitor: 3, sessionsPerIp: 4 } },
            { id: 'members', siteKey: TEST_WIDGETS.members, allowedOrigins: ['https://*.members.example'], identity: { required: true, namespace: 'acme' } },
          ],
          demo: { enabled: true, widget: 'main' },
        },
        secrets: { identitySecrets: identityFixture().secret },
      },
      { definition: mailChannelStandIn },
    ],
  });
}
