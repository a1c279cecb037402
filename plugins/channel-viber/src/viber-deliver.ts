import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure, isSwitchboardError } from '@switchboard/plugin-sdk';
import { ViberApiError, type ViberApi, type ViberFailure } from './viber-api';
import type { ViberBot, ViberConfig } from './viber-config';
import { planViberSends } from './viber-outbound-plan';
import type { ViberStore } from './viber-storage';
import { senderOf } from './viber-webhook';

/** What {@link createViberDeliver} needs. */
export type ViberDeliverOptions = {
  bots: ReadonlyMap<string, ViberBot>;
  apiOf(bot: ViberBot): ViberApi;
  store: Pick<ViberStore, 'subscription' | 'sentParts' | 'recordSent' | 'offerQuickReplies'>;
  config: Pick<ViberConfig, 'minApiVersion'>;
};

/**
 * Creates the channel's `deliver`: sends the planned send_message bodies in order, skipping
 * parts a previous attempt already sent, and remembers every part's message token so Viber's
 * receipts find their message. Returns the first part's token (a 64-bit number, as a string).
 *
 * A user the plugin knows to have unsubscribed fails at once without a call. Viber's answers:
 * 12 tooManyRequests, 10 webhookNotSet, HTTP 5xx and transport errors are retried by the core;
 * 6 notSubscribed, 5 receiverNotRegistered, 11 receiverNoSuitableDevice and every other status
 * fail the message with Viber's reason and what it means.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createViberDeliver({ bots, apiOf, store, config: ctx.config }) });
 */
export function createViberDeliver(options: ViberDeliverOptions): (input: DeliverInput) => Promise<DeliverOutput> {
  return async (input) => {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      throw new DeliveryFailure({ code: 'not_deliverable', message: `channel-viber: message ${message.id} is not an outbound customer message`, retryable: false });
    }
    const bot = options.bots.get(leg.account);
    if (!bot) {
      throw new DeliveryFailure({ code: 'viber_unknown_bot', message: `channel-viber: no bot ${leg.account} is configured any more; add it back to bots or reply on another channel`, retryable: false });
    }
    const subscription = await options.store.subscription(bot.id, leg.thread);
    if (subscription?.state === 'unsubscribed') {
      throw new DeliveryFailure({
        code: 'viber_6',
        message: `Viber: the customer unsubscribed from the bot on ${new Date(subscription.changedAt).toISOString()}; they can be reached again once they write to it`,
        retryable: false,
      });
    }
    const plan = planViberSends(input, { sender: senderOf(bot), minApiVersion: options.config.minApiVersion });
    if (plan.sends.length === 0) {
      throw new DeliveryFailure({ code: 'viber_empty', message: 'channel-viber: the message has no text, files, location or contacts to send', retryable: false });
    }
    await options.store.offerQuickReplies(bot.id, leg.thread, plan.quickReplies);

    const api = options.apiOf(bot);
    const done = await options.store.sentParts(message.id);
    for (const [part, body] of plan.sends.entries()) {
      if (done.has(part)) continue;
      let token: string | undefined;
      try {
        token = (await api.call('send_message', body)).message_token;
      } catch (err) {
        throw toDeliveryFailure(err);
      }
      if (!token) throw new DeliveryFailure({ code: 'viber_no_token', message: 'Viber send_message answered ok without a message_token', retryable: false });
      await options.store.recordSent({ account: bot.id, token, messageId: message.id, part, primaryToken: done.get(0) ?? token, thread: leg.thread });
      done.set(part, token);
    }
    return { providerMessageId: done.get(0) ?? null, state: 'sent' };
  };
}

/**
 * Turns a failed call into the failure the agent sees: Viber's status and message, what they
 * mean for this customer, and whether the core should try again.
 *
 * @example
 * toViberDeliveryFailure({ status: 6, statusMessage: 'notSubscribed', httpStatus: 200, retryable: false }).message;
 * // 'Viber send_message: status 6 notSubscribed — the customer has not subscribed …'
 */
export function toViberDeliveryFailure(failure: ViberFailure, cause?: unknown): DeliveryFailure {
  const said = `Viber send_message: ${failure.status !== null ? `status ${failure.status} ` : ''}${failure.statusMessage}`;
  const hint = failure.status !== null ? HINTS[failure.status] : undefined;
  return new DeliveryFailure({
    code: failure.status !== null ? `viber_${failure.status}` : failure.httpStatus === 0 ? 'viber_unreachable' : `viber_http_${failure.httpStatus}`,
    message: hint ? `${said} — ${hint}` : said,
    retryable: failure.retryable,
    cause,
  });
}

const HINTS: Record<number, string> = {
  1: 'Viber could not fetch a file: the server’s public URL must be reachable from the internet over HTTPS',
  2: 'the bot token is wrong or was replaced: check bots[].token',
  3: 'Viber refused the message’s format',
  5: 'the customer is not a Viber user (any more)',
  6: 'the customer has not subscribed to the bot or has unsubscribed; they must write to it first',
  7: 'the bot account is blocked by Viber',
  9: 'the bot account is suspended by Viber',
  10: 'no webhook is set for the bot yet; retried once it is registered',
  11: 'the customer has no device that can show this message',
  12: 'Viber’s rate limit; retried',
  13: 'lower minApiVersion',
  14: 'the customer’s Viber app cannot show this message',
  15: 'the bot account is not authorized to send messages',
};

function toDeliveryFailure(err: unknown): DeliveryFailure {
  if (err instanceof ViberApiError) return toViberDeliveryFailure(err.failure, err);
  if (err instanceof DeliveryFailure) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new DeliveryFailure({ code: 'viber_unexpected', message: `channel-viber send_message: ${reason}`, retryable: isSwitchboardError(err) && err.retryable, cause: err });
}
