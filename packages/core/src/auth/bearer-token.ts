import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell the kinds apart at a glance (and let secret scanners find leaked ones). */
export const TOKEN_PREFIX = { session: 'swb_s_', api: 'swb_t_' } as const;

/**
 * Creates a random bearer token with its kind's prefix.
 *
 * @example
 * const token = newToken('api'); // 'swb_t_…'
 */
export function newToken(kind: keyof typeof TOKEN_PREFIX): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a token: only its SHA-256 is kept, so a database leak leaks no token.
 *
 * @example
 * await db.insert(sessions).values({ tokenHash: hashToken(token), ... });
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
