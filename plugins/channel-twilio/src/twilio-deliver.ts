import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import { DeliveryFailure, type Logger } from '@switchboard/plugin-sdk';
import { WHATSAPP_WINDOW_HOURS, type TwilioAccount } from './twilio-accounts';
import { formatTwilioAddress, parseTwilioAddress } from './twilio-address';
import type { TwilioConfig } from './twilio-config';
import { isOptOutError, refusedBeforeSending } from './twilio-error-codes';
import { encodeTwilioForm } from './twilio-form';
import { composeOutboundBody } from './twilio-outbound-body';
import { sendToTwilio } from './twilio-messages-api';
import type { TwilioStore } from './twilio-store';

/** Twilio refuses a longer `Body` (21617). */
export const MAX_BODY_LENGTH = 1600;
/** MMS carries up to 10 media; WhatsApp one per message. */
const MAX_MEDIA: Record<TwilioAccount['kind'], number> = { sms: 10, whatsapp: 1 };

/** Options of {@link createTwilioDeliver}. */
export type TwilioDeliverOptions = {
  config: Pick<TwilioConfig, 'accountSid' | 'apiBaseUrl' | 'sendTimeoutMs'>;
  authToken: string;
  accounts: ReadonlyMap<string, TwilioAccount>;
  store: TwilioStore;
  /** Where Twilio posts this message's status changes (`<webhookBaseUrl>/status`). */
  statusCallbackUrl: string;
  /** Sent as `User-Agent: switchboard-channel-twilio/<version>`. */
  version: string;
  logger: Logger;
  now: () => Date;
  signal?: AbortSignal;
};

/**
 * Creates the channel's `deliver`: one Messages API call per outbound message (form-encoded
 * POST, Basic auth, `StatusCallback` set), text plus attachments by their signed URLs. Before
 * calling Twilio it refuses, as permanent failures with the reason shown to the agent: an SMS to
 * a customer who texted STOP (21610), a WhatsApp message outside the 24-hour window (63016), more
 * media than the channel carries, and text over 1600 characters. Twilio's 429/20429, 5xx and
 * timeouts are retryable; 21211, 21610, 63016 and other refusals are permanent with Twilio's reason.
 * A retry after a lost reply returns the SID already sent instead of sending twice.
 *
 * @example
 * const deliver = createTwilioDeliver({ config, authToken, accounts, store, statusCallbackUrl, version, logger, now: () => new Date() });
 * createChannelAdapter(ctx, { deliver, accounts: toChannelAccounts([...accounts.values()]) });
 */
export function createTwilioDeliver(options: TwilioDeliverOptions): (input: DeliverInput) => Promise<DeliverOutput> {
  const { store, accounts } = options;
  return async (input) => {
    const { message, leg } = input;
    if (message.private || message.direction !== 'outbound') {
      // A private note must never reach a customer, whatever asked for it.
      throw permanent('not_deliverable', `channel-twilio: message ${message.id} is not an outbound customer message`);
    }
    const account = accounts.get(leg.account);
    if (!account) {
      const known = [...accounts.keys()].join(', ');
      throw permanent('twilio_account_unknown', `channel-twilio: the conversation's number ${leg.account} is not configured (configured: ${known}); add it to numbers`);
    }
    const already = await store.liveSendOf(message.id);
    if (already) return { providerMessageId: already.sid, state: 'sent' };

    const to = recipient(account, leg.thread);
    await refuseWhenBlocked(account, to, options);
    const composed = composeOutboundBody(account.kind, message.text, message.content);
    if (composed.body.length > MAX_BODY_LENGTH) {
      throw failure(refusedBeforeSending(21617, `it is ${composed.body.length} characters; shorten it or split it into several messages`));
    }
    if (input.attachments.length > MAX_MEDIA[account.kind]) {
      const what = account.kind === 'whatsapp' ? 'WhatsApp through Twilio carries one file per message; send the files one by one' : 'an MMS carries at most 10 files';
      throw permanent('twilio_too_many_media', `channel-twilio: ${input.attachments.length} attachments: ${what}`);
    }
    if (!composed.body && input.attachments.length === 0) throw failure(refusedBeforeSending(21602));

    const form: Array<[string, string]> = [['To', formatTwilioAddress(account.kind, to)]];
    if (account.messagingServiceSid) form.push(['MessagingServiceSid', account.messagingServiceSid]);
    else form.push(['From', formatTwilioAddress(account.kind, account.number)]);
    if (composed.body) form.push(['Body', composed.body]);
    for (const attachment of input.attachments) form.push(['MediaUrl', attachment.url]);
    if (composed.persistentAction) form.push(['PersistentAction', composed.persistentAction]);
    form.push(['StatusCallback', options.statusCallbackUrl]);
    const outcome = await sendToTwilio({ ...options, body: encodeTwilioForm(form) });
    if (!outcome.ok) {
      if (outcome.twilioCode !== null && isOptOutError(outcome.twilioCode) && account.kind === 'sms') {
        await store.optOut(account.optOutScope, to, '21610', options.now());
      }
      throw failure(outcome.error);
    }
    const replies = message.content?.quickReplies ?? [];
    // The list went out as text: remember it so the customer's "2" comes back as that reply.
    if (replies.length > 0) await store.offerReplies(account.id, leg.thread, replies, options.now());
    if (outcome.sid) {
      await store.recordSent({ sid: outcome.sid, messageId: message.id, account: account.id, thread: leg.thread, status: outcome.status }, options.now());
    } else {
      options.logger.warn({ messageId: message.id }, 'Twilio accepted the message without a sid; its status callbacks cannot be matched');
    }
    return { providerMessageId: outcome.sid, state: 'sent' };
  };
}

/** The customer's address: the leg's thread is their E.164 number (SMS) or WhatsApp id. */
function recipient(account: TwilioAccount, thread: string): string {
  const parsed = parseTwilioAddress(formatTwilioAddress(account.kind, thread));
  if (!parsed) {
    throw permanent('twilio_invalid_recipient', `channel-twilio: ${JSON.stringify(thread)} is not a ${account.kind === 'sms' ? 'phone number in E.164 form' : 'WhatsApp address'}`);
  }
  return parsed.kind === 'sms' ? parsed.phone : parsed.id;
}

async function refuseWhenBlocked(account: TwilioAccount, to: string, options: TwilioDeliverOptions): Promise<void> {
  if (account.kind === 'sms') {
    const optOut = await options.store.optOutOf(account.optOutScope, to);
    if (optOut) {
      throw failure(refusedBeforeSending(21610, `${to} opted out (${optOut.keyword}) on ${optOut.at}; they must text START to ${account.number} first`));
    }
    return;
  }
  const last = await options.store.lastWhatsAppInbound(account.id, to);
  const closesAt = last ? last.getTime() + WHATSAPP_WINDOW_HOURS * 3600_000 : null;
  if (closesAt === null || options.now().getTime() >= closesAt) {
    const when = last ? `the customer last wrote on ${last.toISOString()}` : 'the customer has not written to this WhatsApp number yet';
    throw failure(refusedBeforeSending(63016, when));
  }
}

function permanent(code: string, message: string): DeliveryFailure {
  return new DeliveryFailure({ code, message, retryable: false });
}

function failure(error: { code: string; message: string; retryable: boolean }): DeliveryFailure {
  return new DeliveryFailure(error);
}
