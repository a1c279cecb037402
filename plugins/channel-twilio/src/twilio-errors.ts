import { SwitchboardError, problemResponse } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';

/**
 * The error catalog of channel-twilio. Webhook refusals answer problem+json with one of these
 * codes; media and configuration failures carry them in logs and errors.
 *
 * @example
 * if (problem.code === TwilioErrorCodes.SIGNATURE_INVALID) checkWebhookBaseUrl();
 */
export const TwilioErrorCodes = {
  SIGNATURE_INVALID: 'SWB_ERR_CHANNEL_TWILIO_SIGNATURE_INVALID',
  UNSUPPORTED_CONTENT_TYPE: 'SWB_ERR_CHANNEL_TWILIO_UNSUPPORTED_CONTENT_TYPE',
  BODY_TOO_LARGE: 'SWB_ERR_CHANNEL_TWILIO_BODY_TOO_LARGE',
  UNAVAILABLE: 'SWB_ERR_CHANNEL_TWILIO_UNAVAILABLE',
  SECRET_MISSING: 'SWB_ERR_CHANNEL_TWILIO_SECRET_MISSING',
  MEDIA_UNAVAILABLE: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_UNAVAILABLE',
  MEDIA_TOO_LARGE: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_TOO_LARGE',
  MEDIA_FAILED: 'SWB_ERR_CHANNEL_TWILIO_MEDIA_FAILED',
  STATUS_UNKNOWN_MESSAGE: 'SWB_ERR_CHANNEL_TWILIO_STATUS_UNKNOWN_MESSAGE',
} as const;
/** One of the {@link TwilioErrorCodes}. */
export type TwilioErrorCode = (typeof TwilioErrorCodes)[keyof typeof TwilioErrorCodes];

/**
 * An error of channel-twilio: a stable code, a message naming the fix, whether a retry can help.
 *
 * @example
 * throw new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_TOO_LARGE, message: 'channel-twilio: media is 30 MB; media.maxBytes is 16 MB', retryable: false });
 */
export class TwilioChannelError extends SwitchboardError {
  declare readonly code: TwilioErrorCode;
  constructor(options: { code: TwilioErrorCode; message: string; retryable?: boolean; status?: number; cause?: unknown }) {
    super(options);
    this.name = 'TwilioChannelError';
  }
}

/**
 * Answers a webhook with an RFC 9457 `application/problem+json` body carrying a stable code.
 *
 * @example
 * return twilioProblem(c, 403, TwilioErrorCodes.SIGNATURE_INVALID, 'X-Twilio-Signature does not match');
 */
export function twilioProblem(c: Context, status: number, code: TwilioErrorCode, detail: string, headers: Record<string, string> = {}): Response {
  return problemResponse(c, status, code, detail, { headers });
}
