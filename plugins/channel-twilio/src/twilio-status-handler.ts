import type { DeliveryError, DeliveryState } from '@switchboard/events';
import type { ChannelAdapter, Logger } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { TwilioAccount } from './twilio-accounts';
import { parseTwilioAddress } from './twilio-address';
import { isOptOutError, twilioDeliveryError } from './twilio-error-codes';
import { TwilioChannelError, TwilioErrorCodes } from './twilio-errors';
import { parseTwilioForm, twilioFormRecord } from './twilio-form';
import type { HandlerAttempt } from './twilio-inbound-handler';
import { StatusCallbackParamsSchema } from './twilio-inbound-schemas';
import type { TwilioStore } from './twilio-store';

/** Twilio's message states in the order they happen; failures end a message. */
const RANK: Readonly<Record<string, number>> = { accepted: 0, scheduled: 0, queued: 0, sending: 1, sent: 2, delivered: 3, partially_delivered: 3, read: 4 };
const FAILURES = new Set(['failed', 'undelivered', 'canceled']);
/** What the core's delivery state becomes for each Twilio state; the rest (queued, sending…) say nothing new. */
const CORE_STATE: Readonly<Record<string, DeliveryState>> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'failed', canceled: 'failed' };

/**
 * Whether a Twilio status may replace the last one recorded for a message: only forward, and
 * nothing after a failure. Callbacks arrive out of order (`delivered` after `read`).
 *
 * @example
 * isStatusAdvance('read', 'delivered'); // false
 * isStatusAdvance('sent', 'undelivered'); // true
 */
export function isStatusAdvance(from: string, to: string): boolean {
  if (FAILURES.has(from)) return false;
  const fromRank = RANK[from] ?? 0;
  // A failure after delivery is a carrier's late noise; the customer has the message.
  if (FAILURES.has(to)) return fromRank < (RANK.delivered ?? 3);
  const toRank = RANK[to];
  return toRank !== undefined && toRank > fromRank;
}

/** What the status-callback worker needs. */
export type StatusHandlerDeps = {
  accountSid: string;
  accounts: ReadonlyMap<string, TwilioAccount>;
  store: TwilioStore;
  channel: Pick<ChannelAdapter, 'updateDelivery'>;
  logger: Logger;
  now: () => Date;
};

/**
 * Applies one verified status callback to the outbound message it is about, monotonically:
 * `sent`/`delivered`/`read` move the message forward, `failed`/`undelivered` fail it with
 * Twilio's `ErrorCode` and reason (21610 also records the STOP). A callback for a SID this channel
 * has not recorded yet is retried (the send's reply may still be on its way) and dropped after
 * the last attempt.
 *
 * @example
 * const handleStatus = createStatusHandler(deps);
 * await handleStatus(received.body, { attempt, maxAttempts, receivedAt });
 */
export function createStatusHandler(deps: StatusHandlerDeps): (body: string, attempt: HandlerAttempt) => Promise<void> {
  const { store, logger } = deps;
  return async (body, attempt) => {
    const parsed = v.safeParse(StatusCallbackParamsSchema, twilioFormRecord(parseTwilioForm(body)));
    if (!parsed.success) {
      logger.warn({ issues: parsed.issues.map((i) => i.message) }, 'Twilio status callback dropped: malformed parameters');
      return;
    }
    const status = parsed.output;
    const log = logger.child({ messageSid: status.MessageSid, status: status.MessageStatus });
    if (status.AccountSid !== deps.accountSid) {
      log.warn('Twilio status callback dropped: it belongs to another Twilio account than accountSid');
      return;
    }
    const sent = await store.outboundBySid(status.MessageSid);
    if (!sent) {
      if (attempt.attempt < attempt.maxAttempts) {
        throw new TwilioChannelError({ code: TwilioErrorCodes.STATUS_UNKNOWN_MESSAGE, message: `channel-twilio: no sent message ${status.MessageSid} yet; retrying`, retryable: true });
      }
      log.warn('Twilio status callback dropped: no message sent by this channel has this SID');
      return;
    }
    const state = CORE_STATE[status.MessageStatus];
    if (!state || !isStatusAdvance(sent.status, status.MessageStatus)) {
      log.debug({ previous: sent.status }, 'Twilio status callback changes nothing');
      return;
    }
    const code = status.ErrorCode ? Number(status.ErrorCode) : null;
    const error: DeliveryError | null = state !== 'failed' ? null : code !== null ? twilioDeliveryError(code, status.ErrorMessage) : failureWithoutCode(status.MessageStatus);
    if (code !== null && isOptOutError(code)) await recordOptOut(deps, sent.account, sent.thread);
    const result = await deps.channel.updateDelivery({ messageId: sent.messageId, providerMessageId: sent.sid, state, error });
    await store.setOutboundStatus(sent.sid, status.MessageStatus, deps.now());
    log.info({ messageId: result.messageId, state: result.state, changed: result.changed }, 'Twilio status applied');
  };
}

function failureWithoutCode(status: string): DeliveryError {
  return status === 'canceled'
    ? { code: 'twilio_canceled', message: 'Twilio: the scheduled message was canceled before it was sent', retryable: false }
    : { code: `twilio_${status}`, message: `Twilio reported the message ${status} without an error code`, retryable: false };
}

/**
 * Records a STOP that Twilio reported (21610) for an SMS account's customer.
 *
 * @example
 * await recordOptOut(deps, 'sms:+12025550100', '+12025550143');
 */
export async function recordOptOut(deps: Pick<StatusHandlerDeps, 'accounts' | 'store' | 'now'>, accountId: string, thread: string): Promise<void> {
  const account = deps.accounts.get(accountId);
  const customer = parseTwilioAddress(thread);
  if (account?.kind === 'sms' && customer?.kind === 'sms') await deps.store.optOut(account.optOutScope, customer.phone, '21610', deps.now());
}
