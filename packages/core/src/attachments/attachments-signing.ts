import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a download URL: base64url HMAC-SHA256 over `<id>.<expires>` with the server's
 * signing key. Binding the expiry into the MAC is what stops a client from extending a URL.
 *
 * @example
 * const sig = signAttachmentAccess('secret', '01J9ZK3V5T7Q8R2W4X6Y8Z0A1B', 1767225600);
 */
export function signAttachmentAccess(signingKey: string, id: string, expires: number): string {
  return createHmac('sha256', signingKey).update(`${id}.${expires}`).digest('base64url');
}

/**
 * Whether `sig` is this server's signature for `id` and `expires` and `expires` (unix seconds) is
 * not yet past. Compared in constant time; malformed input is simply not valid.
 *
 * @example
 * verifyAttachmentAccess('secret', id, url.searchParams.get('expires'), url.searchParams.get('sig'), Date.now()); // true or false
 */
export function verifyAttachmentAccess(
  signingKey: string,
  id: string,
  expires: string | number | null | undefined,
  sig: string | null | undefined,
  nowMs: number,
): boolean {
  const expiresText = typeof expires === 'number' ? String(expires) : expires;
  if (!expiresText || !/^[1-9]\d{0,11}$/.test(expiresText) || !sig || !/^[A-Za-z0-9_-]{1,100}$/.test(sig)) return false;
  const expiresAt = Number(expiresText);
  if (expiresAt * 1000 <= nowMs) return false;
  // Compare the text, not decoded bytes: base64url decoding ignores trailing bits, so several
  // spellings would decode to the same MAC.
  const expected = Buffer.from(signAttachmentAccess(signingKey, id, expiresAt));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
