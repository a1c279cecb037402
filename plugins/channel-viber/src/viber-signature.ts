import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header Viber signs every callback in. */
export const SIGNATURE_HEADER = 'X-Viber-Content-Signature';

/**
 * Viber's callback signature: lowercase hex HMAC-SHA256 of the raw body, keyed with the bot's
 * authentication token.
 *
 * @example
 * signViberBody(token, Buffer.from(rawBody)); // '81d70dc6…40be8'
 */
export function signViberBody(token: string, body: Uint8Array): string {
  return createHmac('sha256', token).update(body).digest('hex');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Whether a presented signature matches the raw body, compared in constant time (both sides
 * hashed first, so neither content nor length leaks). Hex case does not matter.
 *
 * @example
 * verifyViberSignature(token, bodyBytes, c.req.header(SIGNATURE_HEADER) ?? c.req.query('sig') ?? '');
 */
export function verifyViberSignature(token: string, body: Uint8Array, presented: string): boolean {
  return timingSafeEqual(digest(presented.toLowerCase()), digest(signViberBody(token, body)));
}
