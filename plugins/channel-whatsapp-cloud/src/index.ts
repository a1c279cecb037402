import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { WHATSAPP_REPLY_WINDOW_HOURS, WhatsAppCloudConfigSchema } from './whatsapp-cloud-config';
import { createWhatsAppDeliver } from './whatsapp-cloud-deliver';
import { WhatsAppCloudError, WhatsAppCloudErrorCodes } from './whatsapp-cloud-errors';
import { createGraphClient } from './whatsapp-cloud-graph';
import { createWhatsAppInbound } from './whatsapp-cloud-inbound';
import { WHATSAPP_IDENTITY } from './whatsapp-cloud-parse';
import { createWhatsAppStore, whatsAppMigrations } from './whatsapp-cloud-store';
import { WEBHOOK_RECEIVED_EVENT, WebhookReceivedSchema, createWebhookRoutes } from './whatsapp-cloud-webhook';

export { WhatsAppCloudConfigSchema, DEFAULT_GRAPH_API_BASE_URL, DEFAULT_GRAPH_API_VERSION, WHATSAPP_REPLY_WINDOW_HOURS } from './whatsapp-cloud-config';
export type { WhatsAppCloudAccount, WhatsAppCloudConfig } from './whatsapp-cloud-config';
export { WhatsAppCloudError, WhatsAppCloudErrorCodes } from './whatsapp-cloud-errors';
export type { WhatsAppCloudErrorCode } from './whatsapp-cloud-errors';
export { parseWhatsAppWebhook, WHATSAPP_IDENTITY, WHATSAPP_USER_IDENTITY } from './whatsapp-cloud-parse';
export type { ParsedItem, ParsedMessage, ParsedStatus, ParsedWebhook } from './whatsapp-cloud-parse';
export { HUB_SIGNATURE_HEADER as SIGNATURE_HEADER, hubChallenge, signHubBody, verifyHubSignature } from '@switchboard/plugin-sdk';
export { WEBHOOK_RECEIVED_EVENT } from './whatsapp-cloud-webhook';
export { planWhatsAppParts, whatsAppRequestBody } from './whatsapp-cloud-outbound';
export { toDeliveryFailure } from './whatsapp-cloud-deliver';

const PLUGIN_ID = 'channel-whatsapp-cloud';
const SECRETS = ['appSecret', 'verifyToken', 'accessToken'] as const;
/** Attempts of one webhook before its remaining media is given up on (and, failing that, dead-lettered). */
const WEBHOOK_ATTEMPTS = 6;

/**
 * WhatsApp through Meta's Cloud API. Meta calls `/plugins/channel-whatsapp-cloud/webhook`;
 * replies go out through the Graph API from the business number the conversation came in on.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-whatsapp-cloud:
 * //     options: { accounts: [{ phoneNumberId: '106540352242922', label: 'Support' }] }
 * //     secrets: { appSecret: ${WA_APP_SECRET}, verifyToken: ${WA_VERIFY_TOKEN}, accessToken: ${WA_ACCESS_TOKEN} }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', WEBHOOK_RECEIVED_EVENT],
  produces: [deliverCommandName(PLUGIN_ID), WEBHOOK_RECEIVED_EVENT],
  config: WhatsAppCloudConfigSchema,
  secrets: SECRETS,
  migrations: whatsAppMigrations,
  replyWindowHours: WHATSAPP_REPLY_WINDOW_HOURS,
  setup(ctx) {
    for (const name of SECRETS) {
      if (!ctx.secrets[name]) {
        throw new WhatsAppCloudError({
          code: WhatsAppCloudErrorCodes.SECRET_MISSING,
          message: `${PLUGIN_ID}: the secret ${name} is empty; set it in the secrets block of ${PLUGIN_ID} (see its README, "Setup at Meta")`,
        });
      }
    }
    const { config } = ctx;
    const graph = createGraphClient({
      baseUrl: config.graphApiBaseUrl,
      version: config.graphApiVersion,
      accessToken: ctx.secrets.accessToken,
      timeoutMs: config.requestTimeoutMs,
      signal: ctx.signal,
    });
    const store = createWhatsAppStore(ctx.storage);
    const channel = createChannelAdapter(ctx, {
      deliver: createWhatsAppDeliver({ config, graph, store, attachments: ctx.attachments }),
      accounts: config.accounts.map((account) => ({
        id: account.phoneNumberId,
        label: account.label ?? `WhatsApp ${account.phoneNumberId}`,
        identityType: WHATSAPP_IDENTITY,
        replyWindowHours: WHATSAPP_REPLY_WINDOW_HOURS,
      })),
    });
    const processWebhook = createWhatsAppInbound({
      channel,
      store,
      graph,
      attachments: ctx.attachments,
      accounts: config.accounts.map((a) => a.phoneNumberId),
      maxMediaBytes: config.maxMediaBytes,
      logger: ctx.logger,
    });
    ctx.bus.subscribe('webhook', {
      types: [WEBHOOK_RECEIVED_EVENT],
      // Webhooks accepted before this consumer first existed are still processed.
      from: 'all',
      maxAttempts: WEBHOOK_ATTEMPTS,
      backoffMs: [1000, 5000, 30_000, 60_000, 120_000],
      handler: async (event, delivery) => {
        const data = v.parse(WebhookReceivedSchema, event.data);
        await processWebhook(data.body, { eventId: event.id, correlationId: event.correlationid, finalAttempt: delivery.attempt >= WEBHOOK_ATTEMPTS });
      },
    });
    ctx.http.route('/', createWebhookRoutes({ appSecret: ctx.secrets.appSecret, verifyToken: ctx.secrets.verifyToken, bus: ctx.bus, logger: ctx.logger }));
  },
});
