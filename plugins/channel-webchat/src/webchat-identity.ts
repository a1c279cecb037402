import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The user hash a site's backend computes for its logged-in user: lowercase hex
 * HMAC-SHA256(key = the widget's identity secret, message = the user's external id). The same
 * function signs an email (`email_hash`) over the trimmed, lower-cased address.
 *
 * @example
 * computeUserHash('wc_idv_0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'cust_000042');
 * // 'e57dc011efb18a3ebf0269465ab1901914f0a937b8f5576d4ce76313ad95fd05'
 */
export function computeUserHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

/**
 * Whether `presented` is the user hash of `value` under any of the secrets (the current one and,
 * during a rotation, the previous one). Both sides are hashed again before a constant-time
 * comparison, so neither content nor length leaks through timing; hex case is ignored.
 *
 * @example
 * verifyUserHash(['new-secret', 'old-secret'], 'cust_000042', userHashFromThePage); // true or false
 */
export function verifyUserHash(secrets: readonly string[], value: string, presented: string): boolean {
  const given = createHash('sha256').update(presented.trim().toLowerCase()).digest();
  let valid = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    const expected = createHash('sha256').update(computeUserHash(secret, value)).digest();
    if (timingSafeEqual(given, expected)) valid = true;
  }
  return valid;
}

/**
 * The form of an email that `email_hash` signs: trimmed and lower-cased.
 *
 * @example
 * normalizeEmail(' Dana@Example.COM '); // 'dana@example.com'
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why the `identitySecrets` secret was refused. */
export type IdentitySecretsProblem = { message: string };

const MIN_SECRET_LENGTH = 16;

/**
 * Reads the `identitySecrets` secret: entries separated by commas or whitespace, each
 * `<widget id>:<secret>` (for that widget) or a bare `<secret>` (for every widget without its own).
 * The first entry of a widget is its current secret, a second one the previous secret during a
 * rotation; more are refused, as are secrets shorter than 16 characters.
 *
 * @example
 * parseIdentitySecrets('main:s3cr3t-current-0001,main:s3cr3t-previous-002', ['main']);
 * // { secrets: Map { 'main' => ['s3cr3t-current-0001', 's3cr3t-previous-002'] }, problems: [] }
 */
export function parseIdentitySecrets(value: string, widgetIds: readonly string[]): { secrets: Map<string, string[]>; problems: IdentitySecretsProblem[] } {
  const problems: IdentitySecretsProblem[] = [];
  const scoped = new Map<string, string[]>();
  const shared: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const prefix = colon > 0 ? entry.slice(0, colon) : '';
    const isScoped = widgetIds.includes(prefix);
    const secret = isScoped ? entry.slice(colon + 1) : entry;
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push({ message: `an identity secret${isScoped ? ` of widget ${prefix}` : ''} is ${secret.length} characters long; use at least ${MIN_SECRET_LENGTH} (e.g. \`openssl rand -hex 32\`)` });
      continue;
    }
    if (isScoped) scoped.set(prefix, [...(scoped.get(prefix) ?? []), secret]);
    else shared.push(secret);
  }
  const secrets = new Map<string, string[]>();
  for (const id of widgetIds) {
    const own = scoped.get(id) ?? shared;
    if (own.length > 2) problems.push({ message: `widget ${id} has ${own.length} identity secrets; give the current one and at most one previous one` });
    if (own.length > 0) secrets.set(id, own.slice(0, 2));
  }
  return { secrets, problems };
}
