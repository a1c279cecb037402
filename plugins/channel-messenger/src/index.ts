import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { MESSENGER_REPLY_WINDOW_HOURS, MessengerConfigSchema, sendingPageOf } from './messenger-config';
import { createMessengerDeliver } from './messenger-deliver';
import { MessengerError, MessengerErrorCodes } from './messenger-errors';
import { createMessengerGraph } from './messenger-graph';
import { createMessengerInbound } from './messenger-inbound';
import { INSTAGRAM_IDENTITY, MESSENGER_IDENTITY } from './messenger-parse';
import { createMessengerStore, messengerMigrations } from './messenger-store';
import { pageTokens } from './messenger-tokens';
import { WEBHOOK_RECEIVED_EVENT, WebhookReceivedSchema, createWebhookRoutes } from './messenger-webhook';

// The public surface: what an admin's tooling or another worker process may want to reuse.
export { MessengerConfigSchema, type MessengerConfig } from './messenger-config';
export { MessengerErrorCodes, type MessengerErrorCode } from './messenger-errors';
export { parseMessengerWebhook, type ParsedMessengerItem } from './messenger-parse';
export { verifyHubSignature } from '@switchboard/plugin-sdk';

const PLUGIN_ID = 'channel-messenger';
const REQUIRED_SECRETS = ['appSecret', 'verifyToken', 'pageAccessTokens'] as const;
/** Attempts of one webhook before files that still fail are given up on (and, failing that, dead-lettered). */
const ATTEMPTS = 6;

/**
 * Facebook Messenger and Instagram direct messages through Meta's Messenger Platform. Meta calls
 * `/plugins/channel-messenger/webhook` for every subscribed Page and Instagram account; replies go
 * out through the Send API of the Page, inside the 24-hour window or, for human agents, with the
 * HUMAN_AGENT tag up to 7 days.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-messenger:
 * //     options: { accounts: [{ id: '109876543210987', label: 'Acme on Messenger' }] }
 * //     secrets: { appSecret: ${META_APP_SECRET}, verifyToken: ${META_VERIFY_TOKEN}, pageAccessTokens: ${MESSENGER_PAGE_TOKENS} }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', WEBHOOK_RECEIVED_EVENT],
  produces: [deliverCommandName(PLUGIN_ID), WEBHOOK_RECEIVED_EVENT],
  config: MessengerConfigSchema,
  secrets: REQUIRED_SECRETS,
  migrations: messengerMigrations,
  replyWindowHours: MESSENGER_REPLY_WINDOW_HOURS,
  setup(ctx) {
    const empty = REQUIRED_SECRETS.filter((name) => !ctx.secrets[name]);
    if (empty.length > 0) {
      throw new MessengerError({ code: MessengerErrorCodes.SECRET_MISSING, message: `${PLUGIN_ID}: empty secret ${empty.join(', ')}; set it in the secrets block (see the README, "Setup at Meta")` });
    }
    const { config } = ctx;
    const tokens = pageTokens(ctx.secrets.pageAccessTokens, [...new Set(config.accounts.map(sendingPageOf))]);
    const graph = createMessengerGraph({ baseUrl: config.graphApiBaseUrl, version: config.graphApiVersion, timeoutMs: config.requestTimeoutMs, signal: ctx.signal });
    const store = createMessengerStore(ctx.storage);
    const channel = createChannelAdapter(ctx, {
      deliver: createMessengerDeliver({ config, graph, store, tokens }),
      accounts: config.accounts.map((a) => ({
        id: a.id,
        label: a.label ?? `${a.platform === 'instagram' ? 'Instagram' : 'Messenger'} ${a.id}`,
        identityType: a.platform === 'instagram' ? INSTAGRAM_IDENTITY : MESSENGER_IDENTITY,
        replyWindowHours: MESSENGER_REPLY_WINDOW_HOURS,
      })),
    });
    const handle = createMessengerInbound({
      channel,
      store,
      graph,
      attachments: ctx.attachments,
      accounts: config.accounts,
      tokens,
      appId: config.appId,
      fetchProfiles: config.fetchProfiles,
      maxMediaBytes: config.maxMediaBytes,
      logger: ctx.logger,
    });
    ctx.bus.subscribe('webhook', {
      types: [WEBHOOK_RECEIVED_EVENT],
      from: 'all',
      maxAttempts: ATTEMPTS,
      backoffMs: [1000, 5000, 30_000, 60_000, 120_000],
      handler: async (event, delivery) => {
        const { body } = v.parse(WebhookReceivedSchema, event.data);
        await handle(body, { eventId: event.id, correlationId: event.correlationid, finalAttempt: delivery.attempt >= ATTEMPTS });
      },
    });
    ctx.http.route('/', createWebhookRoutes({ appSecret: ctx.secrets.appSecret, verifyToken: ctx.secrets.verifyToken, bus: ctx.bus, logger: ctx.logger }));
  },
});
