import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin, type PluginDefinition } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { listTwilioAccounts, toChannelAccounts } from './twilio-accounts';
import { TwilioConfigSchema } from './twilio-config';
import { createTwilioDeliver } from './twilio-deliver';
import { TwilioChannelError, TwilioErrorCodes } from './twilio-errors';
import { createInboundHandler } from './twilio-inbound-handler';
import { createTwilioMediaFetcher } from './twilio-media';
import { createStatusHandler } from './twilio-status-handler';
import { createTwilioStore, twilioMigrations } from './twilio-store';
import { WEBHOOK_RECEIVED, WebhookReceivedSchema } from './twilio-webhook-event';
import { createTwilioWebhookRoutes } from './twilio-webhook-routes';

export { IdentityTypes, WHATSAPP_WINDOW_HOURS, listTwilioAccounts, toChannelAccounts, twilioAccountId } from './twilio-accounts';
export type { TwilioAccount } from './twilio-accounts';
export { formatTwilioAddress, parseTwilioAddress, toE164 } from './twilio-address';
export type { TwilioAddress, TwilioChannelKind } from './twilio-address';
export { DEFAULT_API_BASE_URL, TwilioConfigSchema } from './twilio-config';
export type { TwilioConfig, TwilioNumberConfig } from './twilio-config';
export { MAX_BODY_LENGTH, createTwilioDeliver } from './twilio-deliver';
export type { TwilioDeliverOptions } from './twilio-deliver';
export { refusedBeforeSending, twilioDeliveryError } from './twilio-error-codes';
export { TwilioChannelError, TwilioErrorCodes } from './twilio-errors';
export type { TwilioErrorCode } from './twilio-errors';
export { encodeTwilioForm, parseTwilioForm, twilioFormRecord } from './twilio-form';
export { mapInboundMessage, optOutKeyword } from './twilio-inbound-map';
export type { MapInboundResult, MappedInbound } from './twilio-inbound-map';
export { InboundMessageParamsSchema, StatusCallbackParamsSchema } from './twilio-inbound-schemas';
export type { InboundMedia, InboundMessageParams, StatusCallbackParams } from './twilio-inbound-schemas';
export { composeOutboundBody } from './twilio-outbound-body';
export { QUICK_REPLY_TTL_HOURS, pickQuickReply } from './twilio-quick-replies';
export { isStatusAdvance } from './twilio-status-handler';
export { TWILIO_SIGNATURE_HEADER, computeTwilioSignature, twilioStringToSign, verifyTwilioJsonSignature, verifyTwilioSignature } from './twilio-signature';
export { WEBHOOK_RECEIVED, WebhookReceivedSchema } from './twilio-webhook-event';
export type { WebhookReceived } from './twilio-webhook-event';
export { EMPTY_TWIML } from './twilio-webhook-routes';

const PLUGIN_ID = 'channel-twilio';
/** Attempts of the webhook worker: media and the core get about two minutes to recover. */
const WORKER_ATTEMPTS = 6;

/** What the host cannot give through config: the clock, for tests of the 24-hour window. */
export type TwilioPluginDeps = { now?: () => Date };

/**
 * Builds the channel-twilio plugin definition. The default export is `createTwilioPlugin()`;
 * tests pass a clock to move past WhatsApp's 24-hour window.
 *
 * @example
 * const plugin = createTwilioPlugin({ now: () => new Date('2026-11-23T12:00:00Z') });
 * await startTestHost({ plugins: [{ definition: plugin, options, secrets: { authToken } }] });
 */
export function createTwilioPlugin(deps: TwilioPluginDeps = {}): PluginDefinition<typeof TwilioConfigSchema, 'authToken'> {
  const now = deps.now ?? (() => new Date());
  return definePlugin({
    id: PLUGIN_ID,
    version: pkg.version,
    core: '^0.1.0',
    kind: 'channel',
    description: pkg.description,
    consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', WEBHOOK_RECEIVED],
    produces: [deliverCommandName(PLUGIN_ID), WEBHOOK_RECEIVED],
    config: TwilioConfigSchema,
    secrets: ['authToken'],
    migrations: twilioMigrations,
    setup(ctx) {
      const authToken = ctx.secrets.authToken;
      if (!authToken) {
        throw new TwilioChannelError({
          code: TwilioErrorCodes.SECRET_MISSING,
          status: 500,
          message: 'channel-twilio: the secret authToken is empty; set it in the secrets block of channel-twilio (usually ${TWILIO_AUTH_TOKEN}) to the primary Auth Token',
        });
      }
      const { config } = ctx;
      const accounts = new Map(listTwilioAccounts(config).map((account) => [account.id, account]));
      const store = createTwilioStore(ctx.storage);
      const webhookBaseUrl = config.webhookBaseUrl ?? `${ctx.publicUrl}/plugins/${ctx.id}`;

      const channel = createChannelAdapter(ctx, {
        deliver: createTwilioDeliver({ config, authToken, accounts, store, statusCallbackUrl: `${webhookBaseUrl}/status`, version: pkg.version, logger: ctx.logger, now, signal: ctx.signal }),
        accounts: toChannelAccounts([...accounts.values()]),
      });

      ctx.http.route(
        '/',
        createTwilioWebhookRoutes({
          authToken,
          webhookBaseUrl,
          logger: ctx.logger,
          now,
          accept: async (received, messageSid) => {
            await ctx.bus.publish(WEBHOOK_RECEIVED, received, messageSid ? { subject: messageSid } : {});
          },
        }),
      );

      const fetchMedia = createTwilioMediaFetcher({ accountSid: config.accountSid, authToken, apiBaseUrl: config.apiBaseUrl, ...config.media, signal: ctx.signal });
      const workerDeps = { accountSid: config.accountSid, accounts, store, logger: ctx.logger, now };
      const handleInbound = createInboundHandler({ ...workerDeps, channel, attachments: ctx.attachments, fetchMedia });
      const handleStatus = createStatusHandler({ ...workerDeps, channel });
      ctx.bus.subscribe('webhooks', {
        types: [WEBHOOK_RECEIVED],
        maxAttempts: WORKER_ATTEMPTS,
        backoffMs: [1000, 5000, 15_000, 30_000, 60_000],
        handler: async (event, delivery) => {
          const parsed = v.safeParse(WebhookReceivedSchema, event.data);
          if (!parsed.success) {
            ctx.logger.error({ eventId: event.id }, 'malformed channel-twilio.webhook.received.v1 event dropped');
            return;
          }
          const attempt = { attempt: delivery.attempt, maxAttempts: WORKER_ATTEMPTS, receivedAt: new Date(parsed.output.receivedAt) };
          const handle = parsed.output.kind === 'message' ? handleInbound : handleStatus;
          await handle(parsed.output.body, attempt);
        },
      });
    },
  });
}

/**
 * Twilio Programmable Messaging as a Switchboard channel: SMS, MMS and WhatsApp on one or more
 * Twilio numbers. Twilio calls `/plugins/channel-twilio/messages` and `/status`; agents' replies
 * go out through the Messages API.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-twilio:
 * //     options:
 * //       accountSid: AC0a1b2c3d4e5f60718293a4b5c6d7e8f9
 * //       numbers: [{ number: '+12025550100', sms: true, whatsapp: true }]
 * //     secrets: { authToken: ${TWILIO_AUTH_TOKEN} }
 */
export default createTwilioPlugin();
