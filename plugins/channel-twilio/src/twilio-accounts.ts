import type { ChannelAccount } from '@switchboard/events';
import type { TwilioChannelKind } from './twilio-address';
import type { TwilioConfig } from './twilio-config';

/** WhatsApp's customer-service window: free-form messages only this long after the customer's last one. */
export const WHATSAPP_WINDOW_HOURS = 24;

/** Identity types this channel writes (see the channel conventions). */
export const IdentityTypes = {
  /** An SMS customer: E.164. */
  PHONE: 'phone',
  /** A WhatsApp customer: `+` and the wa_id digits (E.164). */
  WHATSAPP: 'whatsapp',
  /** A WhatsApp customer known only by a BSUID/username, no phone number. */
  WHATSAPP_USER: 'whatsapp_user',
} as const;

/** One channel of one configured number: the unit a conversation leg's `account` names. */
export type TwilioAccount = {
  /** `sms:+12025550100` or `whatsapp:+12025550100`. */
  id: string;
  kind: TwilioChannelKind;
  /** The Twilio number, E.164. */
  number: string;
  label: string;
  /** SMS/MMS go out through this Messaging Service instead of `From`. */
  messagingServiceSid: string | undefined;
  /**
   * Who a STOP applies to: Twilio blocks the whole Messaging Service when the number belongs to
   * one, otherwise only the number the customer wrote to.
   */
  optOutScope: string;
};

/**
 * The account id of a number's SMS or WhatsApp channel.
 *
 * @example
 * twilioAccountId('whatsapp', '+12025550100'); // 'whatsapp:+12025550100'
 */
export function twilioAccountId(kind: TwilioChannelKind, number: string): string {
  return `${kind}:${number}`;
}

/**
 * Every account of the configuration: one per number and enabled channel.
 *
 * @example
 * const accounts = listTwilioAccounts(ctx.config);
 * accounts.map((a) => a.id); // ['sms:+12025550100', 'whatsapp:+12025550100']
 */
export function listTwilioAccounts(config: Pick<TwilioConfig, 'numbers'>): TwilioAccount[] {
  return config.numbers.flatMap((entry) => {
    const kinds: TwilioChannelKind[] = [...(entry.sms ? (['sms'] as const) : []), ...(entry.whatsapp ? (['whatsapp'] as const) : [])];
    return kinds.map((kind) => ({
      id: twilioAccountId(kind, entry.number),
      kind,
      number: entry.number,
      label: `${entry.label ?? entry.number} (${kind === 'sms' ? 'SMS' : 'WhatsApp'})`,
      // WhatsApp always sends `From: whatsapp:+…`; the Messaging Service carries SMS/MMS only.
      messagingServiceSid: kind === 'sms' ? entry.messagingServiceSid : undefined,
      optOutScope: (kind === 'sms' ? entry.messagingServiceSid : undefined) ?? entry.number,
    }));
  });
}

/**
 * What the channel tells the core about its accounts: SMS writes to `phone` identities without a
 * reply window, WhatsApp to `whatsapp` identities with the 24-hour window.
 *
 * @example
 * createChannelAdapter(ctx, { deliver, accounts: toChannelAccounts(listTwilioAccounts(ctx.config)) });
 */
export function toChannelAccounts(accounts: TwilioAccount[]): ChannelAccount[] {
  return accounts.map((account) => ({
    id: account.id,
    label: account.label,
    identityType: account.kind === 'sms' ? IdentityTypes.PHONE : IdentityTypes.WHATSAPP,
    replyWindowHours: account.kind === 'sms' ? null : WHATSAPP_WINDOW_HOURS,
  }));
}
