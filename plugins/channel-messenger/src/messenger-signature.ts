import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Meta signs webhook bodies in: `sha256=<lowercase hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'X-Hub-Signature-256';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Signs a body the way Meta does: `sha256=` + hex HMAC-SHA256 keyed with the App Secret. Sign the
 * exact bytes that are sent: Meta escapes non-ASCII characters as `\uXXXX` and signs that form.
 *
 * @example
 * signHubBody('9b8a7c6d5e4f30211f2e3d4c5b6a7988', rawBytes); // 'sha256=d467b03f…'
 */
export function signHubBody(appSecret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Whether an `X-Hub-Signature-256` header matches the raw request body, compared in constant
 * time. Pass the bytes exactly as received, before any JSON parsing: re-serialising parsed JSON
 * turns `\u00e4` into `ä` and `\/` into `/` and no longer matches.
 *
 * @example
 * if (!verifyHubSignature(appSecret, c.req.header('X-Hub-Signature-256'), rawBytes)) return c.body(null, 403);
 */
export function verifyHubSignature(appSecret: string, header: string | null | undefined, body: Uint8Array): boolean {
  const match = SIGNATURE.exec(header?.trim() ?? '');
  if (!appSecret || !match) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected);
}

/**
 * Answers Meta's subscription handshake: the `hub.challenge` to echo when `hub.mode` is
 * `subscribe` and `hub.verify_token` equals the configured token (constant-time), else null.
 *
 * @example
 * const challenge = hubChallenge(new URL(req.url).searchParams, verifyToken);
 * if (challenge === null) return c.body(null, 403);
 */
export function hubChallenge(query: URLSearchParams, verifyToken: string): string | null {
  const token = Buffer.from(query.get('hub.verify_token') ?? '');
  const expected = Buffer.from(verifyToken);
  const tokenMatches = token.length === expected.length && expected.length > 0 && timingSafeEqual(token, expected);
  const challenge = query.get('hub.challenge');
  return query.get('hub.mode') === 'subscribe' && tokenMatches && challenge ? challenge : null;
}
