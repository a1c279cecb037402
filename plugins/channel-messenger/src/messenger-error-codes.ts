import { SendApiError } from './messenger-graph';

/** Send API codes a later attempt can get past: temporary errors (1, 2), call and rate limits (4, 17, 32, 341, 613, 80006). */
const RETRYABLE = new Set([1, 2, 4, 17, 32, 341, 613, 80006]);

const EXPLAINED: Record<string, string> = {
  '551': 'the person blocked the Page, deactivated their account or cannot be messaged now',
  '190': 'the Page access token expired or was revoked; put a new one in the pageAccessTokens secret',
  '200': 'the app lacks a permission (pages_messaging, or Human Agent for tagged replies)',
  '100/2018001': 'no person matches this id on this Page',
  '10/2018108': 'the app is in development mode and this person has no role on it',
};

/** What a failed send means for the core: a stable code, a retry decision, and the reason an agent reads. */
export type SendFailure = { code: string; retryable: boolean; message: string };

/**
 * Classifies a Send API failure. Rate limits (613, 4…), transient errors (1, 2), HTTP 429/5xx and
 * network failures are retryable; the closed window (10 / 2018278), an unavailable person (551),
 * an expired token (190), unknown users and permissions are permanent, with Meta's reason.
 *
 * @example
 * classifySendFailure(new SendApiError('(#551) This person isn’t available right now.', { status: 400, code: 551, subcode: 1545041 }));
 * // { code: 'messenger_551', retryable: false, message: 'Messenger error 551/1545041: (#551) This person isn’t available right now. (the person blocked …)' }
 */
export function classifySendFailure(err: SendApiError, platform = 'Messenger'): SendFailure {
  const { code, subcode, status } = err;
  const id = code === null ? null : subcode === null ? String(code) : `${code}/${subcode}`;
  const explanation = id === null ? undefined : (EXPLAINED[id] ?? EXPLAINED[String(code)]);
  const message = `${platform} ${id === null ? 'error' : `error ${id}`}: ${err.message}${explanation ? ` (${explanation})` : ''}`;
  if (code === 10 && subcode === 2018278) {
    return { code: 'messenger_outside_window', retryable: false, message: `${message} (the person has not written in the allowed window)` };
  }
  const transient = status === 0 || status === 429 || status >= 500;
  const retryable = code === null ? transient : RETRYABLE.has(code) || (transient && code !== 190);
  const label = code !== null ? `messenger_${code}` : status === 0 ? 'messenger_network' : `messenger_http_${status}`;
  return { code: label, retryable, message };
}

/**
 * Whether an error thrown while fetching or sending is Meta's (a {@link SendApiError}).
 *
 * @example
 * if (isSendApiError(err)) return classifySendFailure(err);
 */
export function isSendApiError(err: unknown): err is SendApiError {
  return err instanceof SendApiError;
}
