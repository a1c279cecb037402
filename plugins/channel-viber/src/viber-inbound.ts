import type { CloudEvent, DeliveryState } from '@switchboard/events';
import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { ViberApi } from './viber-api';
import { ViberCallbackSchema, type ViberCallback } from './viber-callback-schemas';
import type { ViberBot } from './viber-config';
import { parseViberJson } from './viber-json';
import { mapViberMessage, type ViberMediaRef } from './viber-message-map';
import type { ViberStore } from './viber-storage';
import { CallbackReceivedSchema } from './viber-webhook';

/** Largest media file the plugin downloads; Viber's own limit for files is 50 MB. */
export const VIBER_DOWNLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** What {@link createViberCallbackHandler} needs. */
export type ViberCallbackHandlerOptions = {
  bots: ReadonlyMap<string, ViberBot>;
  apiOf(bot: ViberBot): ViberApi;
  store: Pick<ViberStore, 'isProcessed' | 'markProcessed' | 'setSubscription' | 'primaryToken' | 'seeUpTo' | 'quickReplyByTitle'>;
  channel: Pick<ChannelAdapter, 'recordInbound' | 'updateDelivery'>;
  attachments: Pick<PluginAttachments, 'put'>;
  logger: Logger;
};

/**
 * The handler of `channel-viber.webhook.received.v1`:
 * - `message`: the user is subscribed from now on; a keyboard tap maps back to its payload, media
 *   is downloaded into attachment storage (Viber's links expire), and the message is recorded
 *   with the raw callback (message token as a string);
 * - `conversation_started`, `subscribed`, `unsubscribed`: the user's subscription state, applied
 *   only if no later callback changed it already;
 * - `delivered`, `failed`: the delivery state of the outbound message the token belongs to;
 * - `seen`: a watermark, every message sent to the user up to that one is read.
 *
 * Idempotent: a processed callback is skipped; the core de-duplicates messages on the token and
 * never moves a delivery state back. Transient failures throw, so the bus retries with backoff.
 *
 * @example
 * ctx.bus.subscribe('process-callbacks', { types: [CALLBACK_RECEIVED_EVENT], handler: createViberCallbackHandler({ ... }) });
 */
export function createViberCallbackHandler(options: ViberCallbackHandlerOptions): (event: CloudEvent) => Promise<void> {
  const { bots, store, channel, logger } = options;

  return async (event) => {
    const data = v.safeParse(CallbackReceivedSchema, event.data);
    if (!data.success) {
      logger.error({ eventId: event.id }, 'callback event without account, key and body; dropped');
      return;
    }
    const { account, key, body } = data.output;
    const log = logger.child({ eventId: event.id, correlationId: event.correlationid, account, key });
    const bot = bots.get(account);
    if (!bot) {
      log.warn('callback of a bot that is no longer configured; dropped');
      return;
    }
    if (await store.isProcessed(account, key)) return;
    const raw = parseViberJson(body);
    const callback = v.safeParse(ViberCallbackSchema, raw);
    if (!callback.success) {
      log.warn('queued callback no longer parses; dropped');
    } else {
      await apply(bot, callback.output, raw, log, event.correlationid ?? event.id);
    }
    await store.markProcessed(account, key);
  };

  async function apply(bot: ViberBot, callback: ViberCallback, raw: unknown, log: Logger, correlationId: string): Promise<void> {
    switch (callback.event) {
      case 'message': {
        await store.setSubscription(bot.id, callback.sender.id, 'subscribed', callback.timestamp);
        await recordMessage(bot, callback, raw, log, correlationId);
        return;
      }
      case 'conversation_started':
        await store.setSubscription(bot.id, callback.user.id, callback.subscribed ? 'subscribed' : 'not_subscribed', callback.timestamp, callback.context);
        log.info({ subscribed: callback.subscribed ?? false, withContext: callback.context !== undefined }, 'conversation started');
        return;
      case 'subscribed':
        await store.setSubscription(bot.id, callback.user.id, 'subscribed', callback.timestamp);
        log.info('user subscribed');
        return;
      case 'unsubscribed':
        await store.setSubscription(bot.id, callback.user_id, 'unsubscribed', callback.timestamp);
        log.info('user unsubscribed');
        return;
      case 'delivered':
      case 'failed': {
        const primary = await store.primaryToken(bot.id, callback.message_token);
        if (!primary) {
          log.info({ event: callback.event }, 'receipt for a message this plugin did not send (or no longer remembers); ignored');
          return;
        }
        const error = callback.event === 'failed' ? { code: 'viber_failed', message: `Viber could not deliver the message: ${callback.desc ?? 'no reason given'}`, retryable: false } : null;
        await updateDelivery(primary, callback.event, error, log, correlationId);
        return;
      }
      case 'seen': {
        const primaries = await store.seeUpTo(bot.id, callback.user_id, callback.message_token, callback.timestamp);
        for (const primary of primaries) await updateDelivery(primary, 'read', null, log, correlationId);
        return;
      }
      default:
        return;
    }
  }

  async function recordMessage(bot: ViberBot, callback: Extract<ViberCallback, { event: 'message' }>, raw: unknown, log: Logger, correlationId: string): Promise<void> {
    const message = mapViberMessage(callback, raw);
    let content = message.content;
    if (message.quickReplyTitle !== undefined) {
      const offered = await store.quickReplyByTitle(bot.id, message.thread, message.quickReplyTitle);
      if (offered) content = { ...content, postback: { payload: offered.payload, title: offered.title } };
    }
    const { attachmentIds, notes } = await downloadMedia(options.apiOf(bot), message.media, log);
    const result = await channel.recordInbound(
      {
        account: bot.id,
        thread: message.thread,
        from: message.from,
        providerMessageId: message.providerMessageId,
        text: [message.text, ...notes].filter(Boolean).join('\n'),
        attachmentIds,
        ...(content ? { content } : {}),
        raw: message.raw,
      },
      { correlationId },
    );
    log.info({ messageId: result.messageId, conversationId: result.conversationId, duplicate: result.duplicate, attachments: attachmentIds.length }, 'message recorded');
  }

  async function updateDelivery(providerMessageId: string, state: DeliveryState, error: { code: string; message: string; retryable: boolean } | null, log: Logger, correlationId: string): Promise<void> {
    try {
      const result = await channel.updateDelivery({ providerMessageId, state, error }, { correlationId });
      log.info({ messageId: result.messageId, state: result.state, changed: result.changed }, 'delivery state applied');
    } catch (err) {
      if (isSwitchboardError(err) && !err.retryable) {
        log.warn({ err, state }, 'delivery state not applied');
        return;
      }
      throw err;
    }
  }

  async function downloadMedia(api: ViberApi, media: ViberMediaRef[], log: Logger): Promise<{ attachmentIds: string[]; notes: string[] }> {
    const attachmentIds: string[] = [];
    const notes: string[] = [];
    for (const ref of media) {
      try {
        const data = await api.downloadMedia(ref.url, VIBER_DOWNLOAD_LIMIT_BYTES);
        const stored = await options.attachments.put({ data, filename: ref.filename });
        attachmentIds.push(stored.id);
      } catch (err) {
        if (isSwitchboardError(err) && err.retryable) throw err;
        const reason = err instanceof Error ? err.message : String(err);
        log.warn({ err }, 'attachment not stored');
        notes.push(`[attachment not stored: ${ref.filename} (${reason})]`);
      }
    }
    return { attachmentIds, notes };
  }
}
