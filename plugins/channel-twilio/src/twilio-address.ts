import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The two kinds of channel a Twilio number carries here. */
export type TwilioChannelKind = 'sms' | 'whatsapp';

/** A customer or business address as Twilio writes it in `From` / `To`. */
export type TwilioAddress =
  | { kind: 'sms'; phone: string }
  /** `phone` is null for a WhatsApp user known only by a BSUID/username (Meta's 2026 rollout). */
  | { kind: 'whatsapp'; phone: string | null; id: string };

const WHATSAPP_PREFIX = 'whatsapp:';
/** A BSUID or username: no spaces or control characters, bounded like any identity value. */
const OPAQUE_ID = /^[\x21-\x7e]{1,300}$/;

/**
 * Normalises a phone number written with its country code (`+…`) to E.164, or null when it is
 * not a possible phone number (short codes and alphanumeric sender ids are not customers).
 *
 * @example
 * toE164('+1 (202) 555-0143'); // '+12025550143'
 * toE164('TWILIO'); // null
 */
export function toE164(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * Reads Twilio's `From`/`To`: an E.164 number for SMS/MMS, `whatsapp:+…` for WhatsApp (or
 * `whatsapp:<BSUID>` for a user without a phone number). Null for other channels (`messenger:`,
 * `rcs:`) and for anything that is not an address.
 *
 * @example
 * parseTwilioAddress('whatsapp:+12025550143'); // { kind: 'whatsapp', phone: '+12025550143', id: '+12025550143' }
 * parseTwilioAddress('+12025550143'); // { kind: 'sms', phone: '+12025550143' }
 */
export function parseTwilioAddress(address: string): TwilioAddress | null {
  if (address.startsWith(WHATSAPP_PREFIX)) {
    const rest = address.slice(WHATSAPP_PREFIX.length);
    // What follows the prefix is not always a phone number: Meta's usernames reach Twilio too.
    if (rest.startsWith('+')) {
      const phone = toE164(rest);
      return phone ? { kind: 'whatsapp', phone, id: phone } : null;
    }
    return OPAQUE_ID.test(rest) ? { kind: 'whatsapp', phone: null, id: rest } : null;
  }
  if (address.includes(':')) return null;
  const phone = toE164(address);
  return phone ? { kind: 'sms', phone } : null;
}

/**
 * Writes an address the way the Messages API expects it in `To`/`From`.
 *
 * @example
 * formatTwilioAddress('whatsapp', '+12025550143'); // 'whatsapp:+12025550143'
 */
export function formatTwilioAddress(kind: TwilioChannelKind, value: string): string {
  return kind === 'whatsapp' ? `${WHATSAPP_PREFIX}${value}` : value;
}
