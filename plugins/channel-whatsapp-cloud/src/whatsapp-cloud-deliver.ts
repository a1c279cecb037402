import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure, isSwitchboardError, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { WHATSAPP_REPLY_WINDOW_HOURS, type WhatsAppCloudConfig } from './whatsapp-cloud-config';
import { describeWhatsAppError, isRetryableWhatsAppError } from './whatsapp-cloud-error-codes';
import { GraphApiError, type GraphClient } from './whatsapp-cloud-graph';
import { planWhatsAppParts, recipientOf, whatsAppRequestBody, type OutboundAttachment } from './whatsapp-cloud-outbound';
import type { WhatsAppStore } from './whatsapp-cloud-store';

const SendResponseSchema = v.object({ messages: v.pipe(v.array(v.object({ id: v.pipe(v.string(), v.minLength(1)) })), v.minLength(1)) });
const UploadResponseSchema = v.object({ id: v.pipe(v.string(), v.minLength(1)) });
const HOUR_MS = 3_600_000;

/** What {@link createWhatsAppDeliver} needs. */
export type WhatsAppDeliverDeps = {
  config: Pick<WhatsAppCloudConfig, 'accounts' | 'outboundMedia' | 'listButtonLabel'>;
  graph: GraphClient;
  store: WhatsAppStore;
  attachments: Pick<PluginAttachments, 'get'>;
  /** The clock, for tests. */
  now?: () => number;
};

/**
 * Creates the channel's `deliver`: checks the 24-hour window, sends each part of the message to
 * `POST /{phone-number-id}/messages` (quoting the replied-to message, with media by link or
 * upload), records every wamid for status callbacks, and returns the last one. A retry skips the
 * parts WhatsApp already accepted. Failures are a {@link DeliveryFailure}: retryable for rate
 * limits, 5xx and network errors, permanent (with WhatsApp's reason) otherwise.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createWhatsAppDeliver({ config, graph, store, attachments: ctx.attachments }) });
 */
export function createWhatsAppDeliver(deps: WhatsAppDeliverDeps): (input: DeliverInput) => Promise<DeliverOutput> {
  const now = deps.now ?? Date.now;
  const accounts = new Set(deps.config.accounts.map((a) => a.phoneNumberId));

  return async (input) => {
    try {
      return await deliverOnce(input);
    } catch (err) {
      throw toDeliveryFailure(err);
    }
  };

  async function deliverOnce(input: DeliverInput): Promise<DeliverOutput> {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      throw new DeliveryFailure({ code: 'whatsapp_not_deliverable', message: `message ${message.id} is not an outbound customer message`, retryable: false });
    }
    if (!accounts.has(leg.account)) {
      throw new DeliveryFailure({
        code: 'whatsapp_unknown_account',
        message: `WhatsApp number ${leg.account} is not among the configured accounts of channel-whatsapp-cloud; add { phoneNumberId: "${leg.account}" } to its accounts`,
        retryable: false,
      });
    }
    await assertWindowOpen(deps.store, leg.account, leg.thread, now());

    const recipient = recipientOf(leg);
    const replyTo = message.replyToMessageId ? await deps.store.providerIdOf(message.replyToMessageId) : null;
    const parts = planWhatsAppParts(input, deps.config);
    const done = new Map((await deps.store.sentParts(message.id)).map((p) => [p.part, p.providerId]));
    let last: string | null = null;
    for (const [index, part] of parts.entries()) {
      const already = done.get(index);
      if (already) {
        last = already;
        continue;
      }
      const sentAt = now();
      const media = part.attachment ? await mediaRef(deps, leg.account, part.attachment) : undefined;
      const answer = await deps.graph.call('POST', `${leg.account}/messages`, whatsAppRequestBody(part, recipient, index === 0 ? replyTo : null, media));
      const parsed = v.safeParse(SendResponseSchema, answer);
      if (!parsed.success) throw new DeliveryFailure({ code: 'whatsapp_bad_response', message: 'WhatsApp accepted the message but its answer named no message id', retryable: false });
      last = parsed.output.messages[0]!.id;
      await deps.store.recordSent({ account: leg.account, providerId: last, messageId: message.id, part: index, thread: leg.thread, at: sentAt });
    }
    return { providerMessageId: last, state: 'sent' };
  }
}

async function assertWindowOpen(store: WhatsAppStore, account: string, thread: string, now: number): Promise<void> {
  const last = await store.lastInboundAt(account, thread);
  if (last !== null && now - last <= WHATSAPP_REPLY_WINDOW_HOURS * HOUR_MS) return;
  const when = last === null ? `${thread} has not written to this number yet` : `the customer last wrote at ${new Date(last).toISOString()}`;
  throw new DeliveryFailure({
    code: 'whatsapp_outside_window',
    message: `outside WhatsApp’s 24-hour customer-service window (${when}); only an approved template can be sent now`,
    retryable: false,
  });
}

async function mediaRef(deps: WhatsAppDeliverDeps, account: string, attachment: OutboundAttachment): Promise<{ link: string } | { id: string }> {
  if (deps.config.outboundMedia === 'link') return { link: attachment.url };
  const { data } = await deps.attachments.get(attachment.id);
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', attachment.contentType);
  form.set('file', new Blob([data], { type: attachment.contentType }), attachment.name);
  const uploaded = v.safeParse(UploadResponseSchema, await deps.graph.call('POST', `${account}/media`, form));
  if (!uploaded.success) throw new DeliveryFailure({ code: 'whatsapp_bad_response', message: `WhatsApp accepted the upload of ${attachment.name} but named no media id`, retryable: false });
  return { id: uploaded.output.id };
}

/**
 * Maps a failed send onto the core's retry decision: `whatsapp_<code>` (or `whatsapp_http_<status>`),
 * WhatsApp's reason as the message, and `retryable` for rate limits (130429, 131056, 4, 613…),
 * HTTP 429/5xx and network errors.
 *
 * @example
 * toDeliveryFailure(new GraphApiError({ message: '(#130429) Rate limit hit', status: 429, code: 130429 })).retryable; // true
 */
export function toDeliveryFailure(err: unknown): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  if (err instanceof GraphApiError) {
    const code = err.code !== null ? `whatsapp_${err.code}` : err.status === 0 ? 'whatsapp_network' : `whatsapp_http_${err.status}`;
    const message = err.code === null ? `WhatsApp: ${err.message}` : describeWhatsAppError({ code: err.code, title: err.message, details: err.details });
    return new DeliveryFailure({ code, message, retryable: isRetryableWhatsAppError(err.code, err.status), cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  const retryable = isSwitchboardError(err) ? err.retryable : true;
  return new DeliveryFailure({ code: 'whatsapp_send_error', message: `WhatsApp send failed: ${message}`, retryable, cause: err });
}
