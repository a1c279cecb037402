import type { CloudEvent } from '@switchboard/events';
import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { TelegramApiError, type TelegramApi } from './telegram-api';
import type { TelegramBot } from './telegram-config';
import type { TelegramStore } from './telegram-storage';
import { TELEGRAM_DOWNLOAD_LIMIT_BYTES, mapTelegramUpdate, type TelegramInboundMessage, type TelegramMediaRef } from './telegram-update-map';
import { TelegramUpdateSchema } from './telegram-update-schemas';
import { UpdateReceivedSchema } from './telegram-webhook';

/** What {@link createTelegramUpdateHandler} needs. */
export type TelegramUpdateHandlerOptions = {
  bots: ReadonlyMap<string, TelegramBot>;
  apiOf(bot: TelegramBot): TelegramApi;
  store: Pick<TelegramStore, 'isProcessed' | 'markProcessed' | 'quickReplyByToken' | 'quickReplyByTitle'>;
  channel: Pick<ChannelAdapter, 'recordInbound'>;
  attachments: Pick<PluginAttachments, 'put'>;
  logger: Logger;
};

/**
 * The handler of `channel-telegram.webhook.received.v1`: maps the update, resolves a tapped quick
 * reply to its payload, acknowledges a button tap, downloads media into attachment storage
 * (getFile, then the file URL, which carries the token and never leaves this process), records
 * the message with the raw update, and marks the update processed.
 *
 * Idempotent: a processed update is skipped, and the core de-duplicates on the provider message
 * id. A transient failure (Telegram or the core unreachable) throws, so the bus retries with
 * backoff; a file Telegram will not hand out (over 20 MB, gone) or the core refuses is replaced
 * by a note in the text rather than blocking the message.
 *
 * @example
 * ctx.bus.subscribe('process-updates', { types: [UPDATE_RECEIVED_EVENT], handler: createTelegramUpdateHandler({ ... }) });
 */
export function createTelegramUpdateHandler(options: TelegramUpdateHandlerOptions): (event: CloudEvent) => Promise<void> {
  const { bots, store, logger } = options;

  return async (event) => {
    const data = v.safeParse(UpdateReceivedSchema, event.data);
    if (!data.success) {
      logger.error({ eventId: event.id }, 'update event without account, updateId and body; dropped');
      return;
    }
    const { account, updateId, body } = data.output;
    const log = logger.child({ eventId: event.id, correlationId: event.correlationid, account, updateId });
    const bot = bots.get(account);
    if (!bot) {
      log.warn('update of a bot that is no longer configured; dropped');
      return;
    }
    if (await store.isProcessed(account, updateId)) return;

    const raw: unknown = JSON.parse(body);
    const update = v.safeParse(TelegramUpdateSchema, raw);
    if (!update.success) {
      log.warn('queued update no longer parses; dropped');
      await store.markProcessed(account, updateId);
      return;
    }
    const inbound = mapTelegramUpdate(update.output, raw, bot.id);
    if (inbound.kind === 'ignored') {
      log.info({ reason: inbound.reason }, 'update ignored');
      await store.markProcessed(account, updateId);
      return;
    }
    const message = await resolveQuickReply(inbound.message, bot.id);
    const api = options.apiOf(bot);
    if (message.callbackQueryId) {
      // First, so the customer's button stops spinning at once. Best effort: a retry of this
      // handler answers again, which Telegram refuses harmlessly.
      await api.call('answerCallbackQuery', { callback_query_id: message.callbackQueryId }).catch((err: unknown) => log.warn({ err }, 'answerCallbackQuery failed'));
    }
    const { attachmentIds, notes } = await downloadMedia(api, message.media, log);
    const text = [message.text, ...notes].filter(Boolean).join('\n');
    const result = await options.channel.recordInbound(
      {
        account: bot.id,
        thread: message.thread,
        from: message.from,
        providerMessageId: message.providerMessageId,
        text,
        attachmentIds,
        ...(message.replyToProviderMessageId ? { replyToProviderMessageId: message.replyToProviderMessageId } : {}),
        ...(message.content ? { content: message.content } : {}),
        raw: message.raw,
      },
      { correlationId: event.correlationid ?? event.id },
    );
    log.info({ messageId: result.messageId, conversationId: result.conversationId, duplicate: result.duplicate, attachments: attachmentIds.length }, 'update recorded');
    await store.markProcessed(account, updateId);
  };

  async function resolveQuickReply(message: TelegramInboundMessage, account: string): Promise<TelegramInboundMessage> {
    const lookup = message.quickReply;
    if (!lookup) return message;
    if (lookup.by === 'token') {
      const offered = await store.quickReplyByToken(account, lookup.token);
      const title = offered?.title ?? lookup.buttonTitle;
      return {
        ...message,
        text: title ?? offered?.payload ?? lookup.token,
        content: { postback: { payload: offered?.payload ?? lookup.token, ...(title ? { title } : {}) } },
      };
    }
    const offered = await store.quickReplyByTitle(account, message.thread, lookup.title);
    return offered ? { ...message, content: { ...message.content, postback: { payload: offered.payload, title: offered.title } } } : message;
  }

  async function downloadMedia(api: TelegramApi, media: TelegramMediaRef[], log: Logger): Promise<{ attachmentIds: string[]; notes: string[] }> {
    const attachmentIds: string[] = [];
    const notes: string[] = [];
    for (const ref of media) {
      try {
        if (ref.size !== undefined && ref.size > TELEGRAM_DOWNLOAD_LIMIT_BYTES) {
          throw new TelegramApiError('getFile', { errorCode: 400, description: `the file is ${ref.size} bytes, over the 20 MB bots may download`, retryAfter: undefined, retryable: false });
        }
        const data = await api.downloadFile(ref.fileId, TELEGRAM_DOWNLOAD_LIMIT_BYTES);
        const stored = await options.attachments.put({ data, filename: ref.filename, declaredType: ref.mimeType });
        attachmentIds.push(stored.id);
      } catch (err) {
        if (isSwitchboardError(err) && err.retryable) throw err;
        const reason = err instanceof Error ? err.message : String(err);
        log.warn({ err, fileUniqueId: ref.fileUniqueId }, 'attachment not stored');
        notes.push(`[attachment not stored: ${ref.filename} (${reason})]`);
      }
    }
    return { attachmentIds, notes };
  }
}
