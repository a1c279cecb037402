import { CoreError, CoreErrorCodes } from '../errors';

/** The orders a conversation list can come in. */
export type ConversationSort = 'activity' | 'waiting';

/** Where a page ended: the sort key of its last row and that row's id (the tie-breaker). */
export type ConversationCursor = { sort: ConversationSort; key: string | null; id: string };

/**
 * Encodes the position after a page's last row as an opaque string.
 *
 * @example
 * const next = encodeCursor({ sort: 'activity', key: row.lastActivityAt, id: row.id });
 */
export function encodeCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/**
 * Decodes a cursor from the previous page. A cursor that is not one of ours, or that was made for
 * another sort order, is a 422: continuing with it would skip or repeat rows.
 *
 * @example
 * const cursor = decodeCursor(query.cursor, 'waiting');
 */
export function decodeCursor(raw: string, sort: ConversationSort): ConversationCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch (cause) {
    throw invalid('the cursor is not one this server made; start again without it', cause);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('the cursor is not one this server made; start again without it');
  const [s, key, id] = parsed as unknown[];
  if ((s !== 'activity' && s !== 'waiting') || (key !== null && typeof key !== 'string') || typeof id !== 'string') {
    throw invalid('the cursor is not one this server made; start again without it');
  }
  if (s !== sort) throw invalid(`the cursor belongs to sort=${s}, not sort=${sort}; start again without it`);
  return { sort: s, key, id };
}

function invalid(message: string, cause?: unknown): CoreError {
  return new CoreError({ code: CoreErrorCodes.VALIDATION, message: `query.cursor: ${message}`, status: 422, details: [{ path: 'query.cursor', message }], cause });
}
