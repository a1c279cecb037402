import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import pkg from '../package.json' with { type: 'json' };
import { ChannelApiConfigSchema } from './channel-api-config';
import { createWebhookDeliver } from './channel-api-deliver';
import { ChannelApiError, ChannelApiErrorCodes } from './channel-api-errors';
import { createInboundRoutes } from './channel-api-inbound';

export { ChannelApiConfigSchema, CORE_MAX_TEXT_LENGTH } from './channel-api-config';
export type { ChannelApiConfig, ChannelApiInboundConfig, ChannelApiOutboundConfig } from './channel-api-config';
export { createWebhookDeliver, toMessageCreatedWebhook } from './channel-api-deliver';
export type { MessageCreatedWebhook, WebhookDeliverOptions } from './channel-api-deliver';
export { ChannelApiError, ChannelApiErrorCodes } from './channel-api-errors';
export type { ChannelApiErrorCode, FieldProblem } from './channel-api-errors';
export { createInboundRoutes } from './channel-api-inbound';
export type { InboundMessageAccepted, InboundRoutesOptions } from './channel-api-inbound';
export { API_USER_IDENTITY_TYPE, StatusReportSchema, createInboundMessageSchema } from './channel-api-inbound-schemas';
export type { InboundMessage, StatusReport } from './channel-api-inbound-schemas';
export {
  ATTEMPT_HEADER,
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  verifyWebhookSignature,
} from './signature';
export type { VerifyWebhookOptions } from './signature';

const PLUGIN_ID = 'channel-api';

/**
 * The generic channel for integrators' own transports. Their backend POSTs customers' messages
 * to `/plugins/channel-api/messages`; agents' replies reach it as signed `message.created`
 * webhooks on `outbound.url`.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-api:
 * //     options: { outbound: { url: https://crm.example.com/hooks/switchboard } }
 * //     secrets: { inboundToken: ${CHANNEL_API_TOKEN}, webhookSecret: ${CHANNEL_API_WEBHOOK_SECRET} }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  // The core commands it calls, and the deliver command it serves for the core.
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1'],
  produces: [deliverCommandName(PLUGIN_ID)],
  config: ChannelApiConfigSchema,
  secrets: ['inboundToken', 'webhookSecret'],
  // No tables of its own: the core de-duplicates inbound messages and keeps delivery states.
  migrations: [],
  setup(ctx) {
    for (const name of ['inboundToken', 'webhookSecret'] as const) {
      if (!ctx.secrets[name]) {
        throw new ChannelApiError({
          code: ChannelApiErrorCodes.SECRET_MISSING,
          status: 500,
          message: `channel-api: the secret ${name} is empty; set it in the secrets block of channel-api (usually \${ENV_VAR}) to a long random string`,
        });
      }
    }
    const deliver = createWebhookDeliver({
      outbound: ctx.config.outbound,
      webhookSecret: ctx.secrets.webhookSecret,
      version: pkg.version,
      signal: ctx.signal,
    });
    const channel = createChannelAdapter(ctx, { deliver });
    ctx.http.route(
      '/',
      createInboundRoutes({
        channel,
        attachments: ctx.attachments,
        limits: ctx.config.inbound,
        inboundToken: ctx.secrets.inboundToken,
        logger: ctx.logger,
      }),
    );
  },
});
