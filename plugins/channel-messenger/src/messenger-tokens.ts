import { MessengerError, MessengerErrorCodes } from './messenger-errors';

/**
 * Reads the `pageAccessTokens` secret: `<pageId>=<token>` pairs separated by commas or white
 * space, one per Page that sends; or a single token without `=` that every Page uses. Fails with
 * the ids of the Pages that have none, so boot stops with a fix instead of failing sends later.
 *
 * @example
 * pageTokens('109876543210987=EAAG1,109876543210988=EAAG2', ['109876543210987']).get('109876543210987'); // 'EAAG1'
 */
export function pageTokens(secret: string, pageIds: readonly string[]): Map<string, string> {
  const entries = secret.split(/[\s,]+/).filter(Boolean);
  const tokens = new Map<string, string>();
  if (entries.length === 1 && !entries[0]!.includes('=')) {
    for (const id of pageIds) tokens.set(id, entries[0]!);
    return tokens;
  }
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const id = entry.slice(0, at);
    const token = entry.slice(at + 1);
    if (at <= 0 || !token || !/^\d+$/.test(id)) {
      throw new MessengerError({
        code: MessengerErrorCodes.PAGE_TOKEN_MISSING,
        message: 'channel-messenger: the pageAccessTokens secret must be <pageId>=<token> pairs separated by commas (or one token for every Page)',
      });
    }
    tokens.set(id, token);
  }
  const missing = pageIds.filter((id) => !tokens.has(id));
  if (missing.length > 0) {
    throw new MessengerError({
      code: MessengerErrorCodes.PAGE_TOKEN_MISSING,
      message: `channel-messenger: no Page access token for Page ${missing.join(', ')}; add <pageId>=<token> to the pageAccessTokens secret`,
    });
  }
  return tokens;
}
