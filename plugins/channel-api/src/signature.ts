import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the signature of an outbound webhook: `v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'X-Switchboard-Signature';
/** Header carrying the unix time (seconds) the webhook was signed at. */
export const TIMESTAMP_HEADER = 'X-Switchboard-Timestamp';
/** Header carrying the message id: the receiver's idempotency key, equal across retries. */
export const DELIVERY_HEADER = 'X-Switchboard-Delivery';
/** Header carrying the attempt number, 1 on the first try. */
export const ATTEMPT_HEADER = 'X-Switchboard-Attempt';
/** How old (or how far in the future) a webhook's timestamp may be by default, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SCHEME = 'v1';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  // The timestamp is signed with the body so a captured request cannot be replayed later.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Signs a webhook body the way channel-api does: `v1=` followed by the hex HMAC-SHA256 of
 * `<timestamp>.<body>` keyed with the webhook secret. Sign the exact bytes you send.
 *
 * @example
 * const timestamp = Math.floor(Date.now() / 1000);
 * const body = JSON.stringify(payload);
 * const signature = signWebhook(secret, timestamp, body); // 'v1=5f2b…'
 */
export function signWebhook(secret: string, timestamp: number | string, body: string | Uint8Array): string {
  return `${SCHEME}=${hmacHex(secret, String(timestamp), body)}`;
}

/** Options of {@link verifyWebhookSignature}. */
export type VerifyWebhookOptions = {
  /** How far the timestamp may be from now, either way, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time, as a `Date` or milliseconds since the epoch (`Date.now()`); for tests. */
  now?: Date | number;
};

/**
 * Checks an `X-Switchboard-Signature` header against the raw request body and the
 * `X-Switchboard-Timestamp` header. False when the header is malformed, the signature does not
 * match (wrong secret, altered body or timestamp), or the timestamp is outside the tolerance.
 * Pass the raw body exactly as received, before any JSON parsing. Comparison is constant-time.
 *
 * @example
 * const ok = verifyWebhookSignature(
 *   process.env.SWITCHBOARD_WEBHOOK_SECRET!,
 *   req.headers['x-switchboard-signature'],
 *   req.headers['x-switchboard-timestamp'],
 *   rawBody,
 * );
 * if (!ok) return res.status(401).end();
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  timestamp: string | number | null | undefined,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): boolean {
  if (!secret || !header || timestamp === null || timestamp === undefined) return false;
  const ts = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(ts)) return false;
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(nowMs / 1000) - Number(ts)) > tolerance) return false;

  const expected = Buffer.from(hmacHex(secret, ts, body), 'hex');
  // A header may list several signatures (`v1=…,v1=…`), e.g. while a secret is being rotated.
  return header.split(',').some((part) => {
    const [scheme, value] = part.trim().split('=', 2);
    if (scheme !== SCHEME || value === undefined || !HEX_SHA256.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
