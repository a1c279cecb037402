import { SwitchboardError, errorProblemResponse, type FieldProblem, type Logger } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';

// Problems are never cached: the widget repeats requests and must see the answer of each.
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The error catalog of the channel-webchat plugin: every problem its routes answer carries one of
 * these codes, or the code of the core error it passes on. PROTOCOL.md lists when each is used.
 *
 * @example
 * if (problem.code === WebchatErrorCodes.TOKEN_EXPIRED) startOver();
 */
export const WebchatErrorCodes = {
  MALFORMED_JSON: 'SWB_ERR_WEBCHAT_MALFORMED_JSON',
  UNAUTHENTICATED: 'SWB_ERR_WEBCHAT_UNAUTHENTICATED',
  TOKEN_INVALID: 'SWB_ERR_WEBCHAT_TOKEN_INVALID',
  TOKEN_EXPIRED: 'SWB_ERR_WEBCHAT_TOKEN_EXPIRED',
  USER_HASH_INVALID: 'SWB_ERR_WEBCHAT_USER_HASH_INVALID',
  ORIGIN_FORBIDDEN: 'SWB_ERR_WEBCHAT_ORIGIN_FORBIDDEN',
  IDENTITY_REQUIRED: 'SWB_ERR_WEBCHAT_IDENTITY_REQUIRED',
  WIDGET_UNKNOWN: 'SWB_ERR_WEBCHAT_WIDGET_UNKNOWN',
  NOT_FOUND: 'SWB_ERR_WEBCHAT_NOT_FOUND',
  PRECHAT_REQUIRED: 'SWB_ERR_WEBCHAT_PRECHAT_REQUIRED',
  CSAT_NOT_OFFERED: 'SWB_ERR_WEBCHAT_CSAT_NOT_OFFERED',
  BODY_TOO_LARGE: 'SWB_ERR_WEBCHAT_BODY_TOO_LARGE',
  ATTACHMENT_TOO_LARGE: 'SWB_ERR_WEBCHAT_ATTACHMENT_TOO_LARGE',
  ATTACHMENT_TYPE: 'SWB_ERR_WEBCHAT_ATTACHMENT_TYPE',
  INVALID_BODY: 'SWB_ERR_WEBCHAT_INVALID_BODY',
  ATTACHMENT_UNKNOWN: 'SWB_ERR_WEBCHAT_ATTACHMENT_UNKNOWN',
  RATE_LIMITED: 'SWB_ERR_WEBCHAT_RATE_LIMITED',
  WIDGET_NOT_BUILT: 'SWB_ERR_WEBCHAT_WIDGET_NOT_BUILT',
  CONFIG_INVALID: 'SWB_ERR_WEBCHAT_CONFIG_INVALID',
  INTERNAL: 'SWB_ERR_WEBCHAT_INTERNAL',
} as const;
/** One of the {@link WebchatErrorCodes}. */
export type WebchatErrorCode = (typeof WebchatErrorCodes)[keyof typeof WebchatErrorCodes];

export type { FieldProblem };

/**
 * An error of the channel-webchat plugin: a stable code, a message naming the fix, its HTTP
 * status, and headers the answer needs (`Retry-After`, `WWW-Authenticate`).
 *
 * @example
 * throw new WebchatError({ code: WebchatErrorCodes.PRECHAT_REQUIRED, status: 409, message: 'channel-webchat: submit the pre-chat form first' });
 */
export class WebchatError extends SwitchboardError {
  readonly headers: Record<string, string>;

  constructor(options: { code: WebchatErrorCode; message: string; status: number; details?: FieldProblem[]; headers?: Record<string, string>; cause?: unknown }) {
    super({ ...options, retryable: false });
    this.name = 'WebchatError';
    this.headers = options.headers ?? {};
  }
}

/**
 * Turns whatever a route threw into a problem answer. Plugin and core errors (which cross the bus
 * with code and status) keep both, with a `WebchatError`'s own headers; a retryable core error
 * (NATS down, core busy) adds `Retry-After: 5` so the widget repeats the same, idempotent request.
 * Anything else is a logged 500 without the request body, so no visitor's text reaches the logs.
 *
 * @example
 * routes.onError((err, c) => errorToProblem(err, c, logger));
 */
export function errorToProblem(err: unknown, c: Context, logger: Logger): Response {
  return errorProblemResponse(err, c, {
    pluginId: 'channel-webchat',
    internalCode: WebchatErrorCodes.INTERNAL,
    logger,
    headers: (e) => ({ ...(e instanceof WebchatError ? e.headers : {}), ...NO_STORE }),
  });
}
