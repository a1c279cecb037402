import { SwitchboardError, problemResponse } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';

/**
 * The error catalog of the channel-viber plugin. HTTP answers of its webhook and the
 * failures of its REST API calls carry one of these codes.
 *
 * @example
 * if (problem.code === ViberErrorCodes.SIGNATURE_INVALID) checkTheBotToken();
 */
export const ViberErrorCodes = {
  UNKNOWN_BOT: 'SWB_ERR_VIBER_UNKNOWN_BOT',
  SIGNATURE_MISSING: 'SWB_ERR_VIBER_SIGNATURE_MISSING',
  SIGNATURE_INVALID: 'SWB_ERR_VIBER_SIGNATURE_INVALID',
  BODY_TOO_LARGE: 'SWB_ERR_VIBER_BODY_TOO_LARGE',
  NOT_ACCEPTED: 'SWB_ERR_VIBER_NOT_ACCEPTED',
  API_FAILED: 'SWB_ERR_VIBER_API_FAILED',
  API_UNREACHABLE: 'SWB_ERR_VIBER_API_UNREACHABLE',
  MEDIA_UNAVAILABLE: 'SWB_ERR_VIBER_MEDIA_UNAVAILABLE',
} as const;
/** One of the {@link ViberErrorCodes}. */
export type ViberErrorCode = (typeof ViberErrorCodes)[keyof typeof ViberErrorCodes];

/**
 * An error of the channel-viber plugin: a stable code, a message naming the fix, whether a
 * retry can help, and its HTTP status where it reaches HTTP.
 *
 * @example
 * throw new ViberError({ code: ViberErrorCodes.UNKNOWN_BOT, message: 'no bot sales is configured', status: 404 });
 */
export class ViberError extends SwitchboardError {
  constructor(options: { code: ViberErrorCode; message: string; status?: number; retryable?: boolean; details?: unknown; cause?: unknown }) {
    super(options);
    this.name = 'ViberError';
  }
}

/**
 * Answers with an RFC 9457 `application/problem+json` body carrying the stable `code`.
 *
 * @example
 * return problem(c, 403, ViberErrorCodes.SIGNATURE_INVALID, 'the signature does not match the body');
 */
export function problem(c: Context, status: number, code: ViberErrorCode, detail: string, headers: Record<string, string> = {}): Response {
  return problemResponse(c, status, code, detail, { headers });
}
