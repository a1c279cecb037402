/**
 * WhatsApp error codes a later attempt can get past: throughput (130429), pair rate (131056), app
 * and WABA call limits (4, 80007, 613), spam and marketing limits (131048, 131049), temporary
 * service errors (1, 2, 131000, 131016) and media fetch problems (131052, 131053).
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 613, 80007, 130429, 131000, 131016, 131048, 131049, 131052, 131053, 131056]);

/** What agents read next to a code, where Meta's own text says too little. */
const EXPLANATIONS: Record<number, string> = {
  0: 'the access token is invalid; replace the accessToken secret',
  190: 'the access token expired or was revoked; replace the accessToken secret with a new system-user token',
  131026: 'the recipient cannot receive it (not on WhatsApp, old app, or terms not accepted)',
  131047: 'more than 24 hours have passed since the customer last wrote; only an approved template can reopen the conversation',
  131030: 'the recipient is not in the allowed list of this test number',
};

/**
 * Whether WhatsApp failure can succeed when tried again later: rate limits, HTTP 429 and 5xx and
 * transport errors (status 0) are; invalid recipients, the closed 24-hour window (131047),
 * expired tokens (190) and bad requests are not.
 *
 * @example
 * isRetryableWhatsAppError(130429, 429); // true
 * isRetryableWhatsAppError(131047, 400); // false
 */
export function isRetryableWhatsAppError(code: number | null, httpStatus: number | null): boolean {
  if (code !== null && RETRYABLE_CODES.has(code)) return true;
  if (code === 190 || code === 131047 || code === 131026) return false;
  return httpStatus !== null && (httpStatus === 0 || httpStatus === 429 || httpStatus >= 500);
}

/**
 * The sentence an agent sees for a failed WhatsApp message: Meta's code, title and details, and
 * what to do about it where that is known.
 *
 * @example
 * describeWhatsAppError({ code: 131047, title: 'Re-engagement message', details: 'Message failed to send because…' });
 * // 'WhatsApp error 131047: Re-engagement message — Message failed to send because… (more than 24 hours have passed …)'
 */
export function describeWhatsAppError(error: { code: number | null; title?: string | null; details?: string | null }): string {
  const head = error.code === null ? 'WhatsApp error' : `WhatsApp error ${error.code}`;
  const title = error.title?.trim();
  const details = error.details?.trim();
  const said = [title, details && details !== title ? details : undefined].filter(Boolean).join(' — ');
  const explanation = error.code === null ? undefined : EXPLANATIONS[error.code];
  return `${head}: ${said || 'no reason given'}${explanation ? ` (${explanation})` : ''}`.slice(0, 2000);
}
