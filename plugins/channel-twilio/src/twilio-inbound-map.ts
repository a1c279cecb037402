import type { Identity, MessageContent } from '@switchboard/events';
import { IdentityTypes, twilioAccountId, type TwilioAccount } from './twilio-accounts';
import { parseTwilioAddress } from './twilio-address';
import type { InboundMedia, InboundMessageParams } from './twilio-inbound-schemas';

/** Twilio's default opt-out keywords (a single word, any case). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
/** Twilio's default opt-in keywords. */
const START_WORDS = new Set(['START', 'YES', 'UNSTOP']);

/** What a customer's message becomes, before its media is downloaded. */
export type MappedInbound = {
  account: TwilioAccount;
  thread: string;
  from: { identity: Identity; name: string | null; verified: Identity[] };
  /** The customer's phone number, E.164, when they have one. */
  phone: string | null;
  text: string;
  content: MessageContent | undefined;
  replyToProviderMessageId: string | undefined;
  media: InboundMedia[];
  /** An SMS STOP or START keyword: Twilio has (un)blocked this sender for the customer. */
  optOut: 'stop' | 'start' | null;
};

/** The mapping, or why the message is not one this channel records. */
export type MapInboundResult = { ok: true; value: MappedInbound } | { ok: false; reason: string };

/**
 * Maps a parsed incoming-message webhook onto the core's model: the account it reached
 * (`sms:+…` or `whatsapp:+…`), the sender's identity (`phone` for SMS; `whatsapp` with the
 * verified `phone` behind it, or `whatsapp_user` for a BSUID), the thread (= that identity's
 * value), text, location, a tapped button, the replied-to message, media to download and opt-outs.
 *
 * @example
 * const mapped = mapInboundMessage(params, accountsById);
 * if (mapped.ok) await channel.recordInbound({ account: mapped.value.account.id, thread: mapped.value.thread, ... });
 */
export function mapInboundMessage(params: InboundMessageParams, accounts: ReadonlyMap<string, TwilioAccount>): MapInboundResult {
  const to = parseTwilioAddress(params.To);
  if (!to || to.phone === null) return { ok: false, reason: `To ${JSON.stringify(params.To)} is not a Twilio number this channel understands` };
  const accountId = twilioAccountId(to.kind, to.phone);
  const account = accounts.get(accountId);
  if (!account) return { ok: false, reason: `${accountId} is not configured: add ${to.phone} to numbers with ${to.kind}: true` };
  const sender = parseTwilioAddress(params.From);
  if (!sender || sender.kind !== to.kind) return { ok: false, reason: `From ${JSON.stringify(params.From)} is not a ${to.kind === 'sms' ? 'phone number' : 'WhatsApp address'}` };

  let from: MappedInbound['from'];
  if (sender.kind === 'sms') {
    from = { identity: { type: IdentityTypes.PHONE, value: sender.phone }, name: null, verified: [] };
  } else if (sender.phone) {
    // WhatsApp verified the number it delivers from: the same person as that phone's SMS contact.
    from = { identity: { type: IdentityTypes.WHATSAPP, value: sender.phone }, name: params.ProfileName?.trim() || null, verified: [{ type: IdentityTypes.PHONE, value: sender.phone }] };
  } else {
    from = { identity: { type: IdentityTypes.WHATSAPP_USER, value: sender.id }, name: params.ProfileName?.trim() || null, verified: [] };
  }

  const content: MessageContent = {};
  let text = params.Body;
  if (params.location) {
    const name = params.Label?.trim() || undefined;
    const address = params.Address?.trim() || undefined;
    content.location = { ...params.location, ...(name ? { name } : {}), ...(address ? { address } : {}) };
    if (!text) text = [name, address].filter(Boolean).join(', ');
  }
  const buttonTitle = params.ButtonText?.trim();
  if (buttonTitle || params.ButtonPayload) {
    content.postback = { payload: params.ButtonPayload || buttonTitle || '', ...(buttonTitle ? { title: buttonTitle } : {}) };
    if (!text && buttonTitle) text = buttonTitle;
  }

  return {
    ok: true,
    value: {
      account,
      thread: from.identity.value,
      from,
      phone: sender.phone,
      text,
      content: Object.keys(content).length > 0 ? content : undefined,
      replyToProviderMessageId: params.OriginalRepliedMessageSid,
      media: params.media,
      optOut: sender.kind === 'sms' ? optOutKeyword(params) : null,
    },
  };
}

/**
 * The opt-out meaning of an SMS: Twilio's `OptOutType` (Advanced Opt-Out) when present,
 * otherwise its default single-word keywords.
 *
 * @example
 * optOutKeyword({ Body: ' stop ', OptOutType: undefined }); // 'stop'
 */
export function optOutKeyword(params: Pick<InboundMessageParams, 'Body' | 'OptOutType'>): 'stop' | 'start' | null {
  const type = params.OptOutType?.trim().toUpperCase();
  if (type === 'STOP') return 'stop';
  if (type === 'START') return 'start';
  if (type) return null;
  const word = params.Body.trim().toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}
