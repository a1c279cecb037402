import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure, isSwitchboardError } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { HUMAN_AGENT_WINDOW_DAYS, MESSENGER_REPLY_WINDOW_HOURS, sendingPageOf, type MessengerAccount, type MessengerConfig } from './messenger-config';
import { classifySendFailure, isSendApiError } from './messenger-error-codes';
import type { MessengerGraph } from './messenger-graph';
import { planMessengerMessages } from './messenger-outbound';
import type { MessengerStore } from './messenger-store';

const SendResponseSchema = v.object({ message_id: v.pipe(v.string(), v.minLength(1)) });
const HOUR = 3_600_000;

/** What {@link createMessengerDeliver} needs. */
export type MessengerDeliverDeps = {
  config: Pick<MessengerConfig, 'accounts' | 'humanAgentTag'>;
  graph: MessengerGraph;
  store: MessengerStore;
  /** Page access tokens by Page id. */
  tokens: ReadonlyMap<string, string>;
  /** The clock, for tests. */
  now?: () => number;
};

/**
 * Creates the channel's `deliver`. Inside 24 hours of the person's last message it sends as a
 * `RESPONSE`; from then to 7 days, an agent's (never a bot's) reply goes with the `HUMAN_AGENT`
 * tag when `humanAgentTag` is on; later, or for a bot, it fails at once as outside the window.
 * Each part goes to `POST /{page-id}/messages` with the Page token; its mid and send time are
 * recorded for watermark receipts, and a retry skips the parts Meta already accepted.
 *
 * @example
 * createChannelAdapter(ctx, { deliver: createMessengerDeliver({ config, graph, store, tokens }) });
 */
export function createMessengerDeliver(deps: MessengerDeliverDeps): (input: DeliverInput) => Promise<DeliverOutput> {
  const now = deps.now ?? Date.now;
  const accounts = new Map(deps.config.accounts.map((a) => [a.id, a]));

  async function sendAll(input: DeliverInput): Promise<DeliverOutput> {
    const { message, leg } = input;
    const account = accounts.get(leg.account);
    if (!account) throw new DeliveryFailure({ code: 'messenger_unknown_account', message: `${leg.account} is not among the accounts of channel-messenger; add { id: "${leg.account}" } to them`, retryable: false });
    const [owner, recipient] = leg.thread.split(':');
    if (owner !== account.id || !recipient) throw new DeliveryFailure({ code: 'messenger_bad_thread', message: `thread ${leg.thread} is not <accountId>:<person id> of account ${account.id}`, retryable: false });
    if (message.private || message.direction !== 'outbound') throw new DeliveryFailure({ code: 'messenger_not_deliverable', message: `message ${message.id} is not for the customer`, retryable: false });

    const sendAs = await messagingType(account, leg.thread, message.sender.kind);
    const page = sendingPageOf(account);
    const token = deps.tokens.get(page)!;
    const done = await deps.store.sentParts(message.id);
    let last: string | null = null;
    for (const [part, body] of planMessengerMessages(input, account.platform).entries()) {
      last = done.get(part) ?? null;
      if (last) continue;
      const sentAt = now();
      const answer = v.safeParse(SendResponseSchema, await deps.graph.call('POST', `${page}/messages`, token, { recipient: { id: recipient }, ...sendAs, message: body }));
      if (!answer.success) throw new DeliveryFailure({ code: 'messenger_bad_response', message: 'Meta accepted the message but named no message_id', retryable: false });
      last = answer.output.message_id;
      await deps.store.recordSent({ account: account.id, mid: last, thread: leg.thread, at: sentAt, messageId: message.id, part });
    }
    return { providerMessageId: last, state: 'sent' };
  }

  async function messagingType(account: MessengerAccount, thread: string, senderKind: string): Promise<Record<string, string>> {
    const last = await deps.store.lastInboundAt(account.id, thread);
    const age = last === null ? Infinity : now() - last;
    // Instagram's Send API takes no messaging_type for plain replies.
    if (age <= MESSENGER_REPLY_WINDOW_HOURS * HOUR) return account.platform === 'messenger' ? { messaging_type: 'RESPONSE' } : {};
    const humanMayAnswer = deps.config.humanAgentTag && senderKind === 'agent' && age <= HUMAN_AGENT_WINDOW_DAYS * 24 * HOUR;
    if (humanMayAnswer) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    const since = last === null ? 'the person has not written to this account yet' : `the person last wrote at ${new Date(last).toISOString()}`;
    const why =
      age > HUMAN_AGENT_WINDOW_DAYS * 24 * HOUR
        ? `more than ${HUMAN_AGENT_WINDOW_DAYS} days ago`
        : senderKind !== 'agent'
          ? 'only a human agent may answer after 24 hours (HUMAN_AGENT tag), not a bot'
          : 'humanAgentTag is off, so nothing may be sent after 24 hours';
    throw new DeliveryFailure({ code: 'messenger_outside_window', message: `outside the messaging window: ${since}; ${why}`, retryable: false });
  }

  return async (input) => {
    try {
      return await sendAll(input);
    } catch (err) {
      throw toDeliveryFailure(err, accounts.get(input.leg.account)?.platform === 'instagram' ? 'Instagram' : 'Messenger');
    }
  };
}

/**
 * Turns whatever a send threw into the {@link DeliveryFailure} the core retries or shows.
 *
 * @example
 * toDeliveryFailure(new SendApiError('(#613) Calls to this api have exceeded the rate limit.', { status: 400, code: 613 })).retryable; // true
 */
export function toDeliveryFailure(err: unknown, platform = 'Messenger'): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  if (isSendApiError(err)) return new DeliveryFailure({ ...classifySendFailure(err, platform), cause: err });
  const retryable = isSwitchboardError(err) ? err.retryable : true;
  return new DeliveryFailure({ code: 'messenger_send_error', message: `${platform} send failed: ${err instanceof Error ? err.message : String(err)}`, retryable, cause: err });
}
