import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure, isSwitchboardError, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { TelegramApiError, type TelegramApi, type TelegramFailure } from './telegram-api';
import type { TelegramBot, TelegramConfig } from './telegram-config';
import { planTelegramSends, type TelegramSend } from './telegram-outbound-plan';
import type { TelegramStore } from './telegram-storage';
import { telegramMessageId } from './telegram-update-map';

/** What {@link createTelegramDeliver} needs. */
export type TelegramDeliverOptions = {
  bots: ReadonlyMap<string, TelegramBot>;
  apiOf(bot: TelegramBot): TelegramApi;
  store: Pick<TelegramStore, 'floodWaitUntil' | 'setFloodWait' | 'sentParts' | 'recordSentPart' | 'offerQuickReplies'>;
  attachments: Pick<PluginAttachments, 'get'>;
  config: Pick<TelegramConfig, 'quickReplies' | 'outboundMedia' | 'maxFloodWaitSeconds'>;
  signal?: AbortSignal;
  now?: () => number;
};

const SentMessageSchema = v.object({ message_id: v.number(), chat: v.object({ id: v.number() }) });

/**
 * Creates the channel's `deliver`: plans the Bot API calls for the message and makes them in
 * order, skipping parts a previous attempt already sent. Returns the first call's message as the
 * provider id (`<bot id>:<chat id>:<message id>`), state `sent` (bots get no receipts).
 *
 * Failures: a 429 is waited out when `retry_after` is short, else remembered for the chat and
 * retried by the core; 5xx and transport errors are retried; 403 (blocked, deactivated), 400
 * (chat not found: the customer never started the bot) and 401 fail the message with Telegram's
 * reason and what to do about it.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createTelegramDeliver({ bots, apiOf, store, attachments: ctx.attachments, config: ctx.config }) });
 */
export function createTelegramDeliver(options: TelegramDeliverOptions): (input: DeliverInput) => Promise<DeliverOutput> {
  const now = options.now ?? Date.now;
  return async (input) => {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      throw new DeliveryFailure({ code: 'not_deliverable', message: `channel-telegram: message ${message.id} is not an outbound customer message`, retryable: false });
    }
    const bot = options.bots.get(leg.account);
    if (!bot) {
      throw new DeliveryFailure({
        code: 'telegram_unknown_bot',
        message: `channel-telegram: no bot ${leg.account} is configured any more; add its token back to bots or reply on another channel`,
        retryable: false,
      });
    }
    const plan = planTelegramSends(input, { quickReplies: options.config.quickReplies });
    if (plan.sends.length === 0) {
      throw new DeliveryFailure({ code: 'telegram_empty', message: 'channel-telegram: the message has no text, files, location or contacts to send', retryable: false });
    }
    const waitUntil = await options.store.floodWaitUntil(bot.id, leg.thread);
    if (waitUntil > now()) {
      const seconds = Math.ceil((waitUntil - now()) / 1000);
      throw new DeliveryFailure({ code: 'telegram_429', message: `Telegram flood control for this chat: retry after ${seconds} s`, retryable: true });
    }
    // Stored before sending, so a tap that arrives at once already finds its payload.
    await options.store.offerQuickReplies(bot.id, leg.thread, plan.quickReplies);

    const api = options.apiOf(bot);
    const done = await options.store.sentParts(message.id);
    for (const [index, send] of plan.sends.entries()) {
      if (done.has(index)) continue;
      const sent = await callWithFloodWait(api, send, bot, leg.thread);
      const providerId = telegramMessageId(bot.id, sent.chat.id, sent.message_id);
      await options.store.recordSentPart(message.id, index, providerId);
      done.set(index, providerId);
    }
    return { providerMessageId: done.get(0) ?? null, state: 'sent' };
  };

  async function callWithFloodWait(api: TelegramApi, send: TelegramSend, bot: TelegramBot, chat: string): Promise<v.InferOutput<typeof SentMessageSchema>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await api.call(send.method, await paramsOf(send));
        return v.parse(SentMessageSchema, result);
      } catch (err) {
        if (!(err instanceof TelegramApiError)) throw unexpected(send.method, err);
        const retryAfter = err.failure.retryAfter;
        if (err.failure.errorCode === 429 && retryAfter !== undefined) {
          if (attempt === 1 && retryAfter <= options.config.maxFloodWaitSeconds) {
            await sleep(retryAfter * 1000, options.signal);
            continue;
          }
          await options.store.setFloodWait(bot.id, chat, now() + retryAfter * 1000);
        }
        throw toDeliveryFailure(send.method, err.failure, err);
      }
    }
  }

  async function paramsOf(send: TelegramSend): Promise<Record<string, unknown> | FormData> {
    if (!send.file) return send.params;
    if (options.config.outboundMedia === 'url') return { ...send.params, [send.file.field]: send.file.url };
    const { data } = await options.attachments.get(send.file.attachmentId);
    const form = new FormData();
    for (const [key, value] of Object.entries(send.params)) form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    form.append(send.file.field, new Blob([data], { type: send.file.contentType }), send.file.name);
    return form;
  }
}

/**
 * Turns a failed Bot API call into the failure the agent sees: Telegram's words, what they mean
 * for this customer, and whether the core should try again.
 *
 * @example
 * toDeliveryFailure('sendMessage', { errorCode: 403, description: 'Forbidden: bot was blocked by the user', retryAfter: undefined, retryable: false });
 */
export function toDeliveryFailure(method: string, failure: TelegramFailure, cause?: unknown): DeliveryFailure {
  const { errorCode, description } = failure;
  const said = `Telegram ${method}: ${errorCode ? `${errorCode} ` : ''}${description}`;
  const hint = hintFor(errorCode, description);
  return new DeliveryFailure({
    code: errorCode === 0 ? 'telegram_unreachable' : `telegram_${errorCode}`,
    message: hint ? `${said} — ${hint}` : said,
    retryable: failure.retryable,
    cause,
  });
}

function hintFor(errorCode: number, description: string): string | null {
  const text = description.toLowerCase();
  if (errorCode === 429) return `flood control${failureSeconds(description)}; the message is retried`;
  if (errorCode === 403 && text.includes('blocked')) return 'the customer blocked the bot; they can be reached again once they restart it (/start)';
  if (errorCode === 403 && text.includes('deactivated')) return 'the customer deleted their Telegram account';
  if (errorCode === 403) return 'the bot may not write to this chat; the customer must start the bot first';
  if (errorCode === 400 && text.includes('chat not found')) return 'the customer never started this bot, or the chat id is wrong';
  if (errorCode === 401) return 'the bot token was revoked; put the new token from @BotFather into bots[].token';
  return null;
}

function failureSeconds(description: string): string {
  const match = /retry after (\d+)/i.exec(description);
  return match ? ` for ${match[1]} s` : '';
}

function unexpected(method: string, err: unknown): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  const retryable = isSwitchboardError(err) ? err.retryable : false;
  const reason = err instanceof Error ? err.message : String(err);
  return new DeliveryFailure({ code: 'telegram_unexpected', message: `channel-telegram ${method}: ${reason}`, retryable, cause: err });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DeliveryFailure({ code: 'aborted', message: 'channel-telegram is stopping', retryable: true }));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DeliveryFailure({ code: 'aborted', message: 'channel-telegram is stopping', retryable: true }));
    });
  });
}
