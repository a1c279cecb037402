import type { DeliveryError } from '@switchboard/events';

/** What this channel knows about one Twilio error code: a reason an agent understands, and whether trying again can help. */
type KnownError = { reason: string; retryable: boolean };

/** Twilio error codes a messaging channel meets, from Twilio's error pages. */
const KNOWN: Readonly<Record<number, KnownError>> = {
  20003: { reason: 'Twilio refused the credentials; check accountSid and the authToken secret of channel-twilio', retryable: false },
  20429: { reason: 'too many requests to the Twilio API at once', retryable: true },
  21211: { reason: "the customer's number is not a valid phone number", retryable: false },
  21408: { reason: 'sending to this country is not enabled (Twilio console → Messaging → Settings → Geo permissions)', retryable: false },
  21602: { reason: 'the message has neither text nor media', retryable: false },
  21606: { reason: 'the sending number cannot send messages to this destination', retryable: false },
  21610: { reason: 'the customer replied STOP to this number and is unsubscribed until they text START', retryable: false },
  21611: { reason: "the sender's queue holds more than 10 hours of messages; slow down or add senders", retryable: true },
  21612: { reason: 'Twilio cannot route a message between these two numbers', retryable: false },
  21614: { reason: "the customer's number is not a mobile number and cannot receive text messages", retryable: false },
  21617: { reason: 'the text is longer than 1600 characters', retryable: false },
  30001: { reason: "the sender's queue overflowed; the message was not sent", retryable: true },
  30002: { reason: 'the Twilio account is suspended', retryable: false },
  30003: { reason: "the customer's phone is unreachable (switched off or out of coverage)", retryable: true },
  30004: { reason: 'the message was blocked by the customer or their carrier', retryable: false },
  30005: { reason: "the customer's number is unknown to their carrier (it may no longer exist)", retryable: false },
  30006: { reason: "the customer's number is a landline or the carrier is unreachable", retryable: false },
  30007: { reason: 'the carrier filtered the message (content, or the sender is not registered)', retryable: false },
  30008: { reason: 'the carrier reported an unknown error', retryable: true },
  30034: { reason: 'the sending number is not registered for US A2P 10DLC messaging', retryable: false },
  63003: { reason: 'the customer is not reachable on WhatsApp at this number', retryable: false },
  63014: { reason: 'the customer blocked this WhatsApp sender or opted out of its messages', retryable: false },
  63016: {
    reason: "outside WhatsApp's 24-hour customer-service window: only an approved template can be sent until the customer writes again",
    retryable: false,
  },
  63018: { reason: "WhatsApp's rate limit for this sender was exceeded", retryable: true },
  63024: { reason: 'WhatsApp refused the recipient', retryable: false },
};

/**
 * The delivery error an agent sees for a Twilio error code: `twilio_<code>`, Twilio's own message
 * where it sent one, our reason, and the error's documentation link.
 *
 * @example
 * twilioDeliveryError(21211, "Invalid 'To' Phone Number: +1202555014");
 * // { code: 'twilio_21211', message: "Twilio error 21211: the customer's number is not a valid phone number — “Invalid 'To' …” (https://www.twilio.com/docs/errors/21211)", retryable: false }
 */
export function twilioDeliveryError(code: number, providerMessage?: string | null, fallbackRetryable = false): DeliveryError {
  const known = KNOWN[code];
  const said = providerMessage?.trim() ? ` — “${providerMessage.trim().slice(0, 500)}”` : '';
  const reason = known?.reason ?? 'Twilio refused the message';
  return {
    code: `twilio_${code}`,
    message: `Twilio error ${code}: ${reason}${said} (https://www.twilio.com/docs/errors/${code})`,
    retryable: known?.retryable ?? fallbackRetryable,
  };
}

/**
 * Whether a Twilio error code says the customer opted out (STOP) of this sender.
 *
 * @example
 * isOptOutError(21610); // true
 */
export function isOptOutError(code: number): boolean {
  return code === 21610;
}

/**
 * The delivery error for a message this channel refused before calling Twilio, because Twilio
 * would refuse it with `code` (an opted-out customer, a closed WhatsApp window, an overlong text).
 *
 * @example
 * refusedBeforeSending(63016, 'the customer last wrote on 2026-11-20T10:00:00.000Z');
 * // { code: 'twilio_63016', message: "Not sent: outside WhatsApp's 24-hour … (Twilio error 63016, https://www.twilio.com/docs/errors/63016)", retryable: false }
 */
export function refusedBeforeSending(code: number, detail?: string): DeliveryError {
  const reason = KNOWN[code]?.reason ?? 'Twilio would refuse the message';
  return {
    code: `twilio_${code}`,
    message: `Not sent: ${reason}${detail ? `; ${detail}` : ''} (Twilio error ${code}, https://www.twilio.com/docs/errors/${code})`,
    retryable: false,
  };
}
