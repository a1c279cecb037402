import { SwitchboardError, problemResponse } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';

/**
 * The error catalog of the channel-telegram plugin. HTTP answers of its webhook and the
 * failures of its Bot API calls carry one of these codes.
 *
 * @example
 * if (problem.code === TelegramErrorCodes.WEBHOOK_SECRET_INVALID) rotateSecret();
 */
export const TelegramErrorCodes = {
  UNKNOWN_BOT: 'SWB_ERR_TELEGRAM_UNKNOWN_BOT',
  WEBHOOK_SECRET_MISSING: 'SWB_ERR_TELEGRAM_WEBHOOK_SECRET_MISSING',
  WEBHOOK_SECRET_INVALID: 'SWB_ERR_TELEGRAM_WEBHOOK_SECRET_INVALID',
  BODY_TOO_LARGE: 'SWB_ERR_TELEGRAM_BODY_TOO_LARGE',
  NOT_ACCEPTED: 'SWB_ERR_TELEGRAM_NOT_ACCEPTED',
  API_FAILED: 'SWB_ERR_TELEGRAM_API_FAILED',
  API_UNREACHABLE: 'SWB_ERR_TELEGRAM_API_UNREACHABLE',
  UPDATE_INVALID: 'SWB_ERR_TELEGRAM_UPDATE_INVALID',
} as const;
/** One of the {@link TelegramErrorCodes}. */
export type TelegramErrorCode = (typeof TelegramErrorCodes)[keyof typeof TelegramErrorCodes];

/**
 * An error of the channel-telegram plugin: a stable code, a message naming the fix, whether a
 * retry can help, and its HTTP status where it reaches HTTP.
 *
 * @example
 * throw new TelegramError({ code: TelegramErrorCodes.UNKNOWN_BOT, message: 'no bot 42 is configured', status: 404 });
 */
export class TelegramError extends SwitchboardError {
  constructor(options: { code: TelegramErrorCode; message: string; status?: number; retryable?: boolean; details?: unknown; cause?: unknown }) {
    super(options);
    this.name = 'TelegramError';
  }
}

/**
 * Answers with an RFC 9457 `application/problem+json` body carrying the stable `code`.
 *
 * @example
 * return problem(c, 403, TelegramErrorCodes.WEBHOOK_SECRET_INVALID, 'the secret token does not match');
 */
export function problem(c: Context, status: number, code: TelegramErrorCode, detail: string, headers: Record<string, string> = {}): Response {
  return problemResponse(c, status, code, detail, { headers });
}
