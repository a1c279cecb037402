import { SwitchboardError, isSwitchboardError, type Logger } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One field-level problem of a refused request body. */
export type FieldProblem = { path: string; message: string };

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
 * Answers with an RFC 9457 `application/problem+json` body: `type`, `title`, `status`, `detail`,
 * the stable `code` and, for a refused body, `errors`.
 *
 * @example
 * return problem(c, 403, WebchatErrorCodes.ORIGIN_FORBIDDEN, 'channel-webchat: https://evil.example is not an allowed origin');
 */
export function problem(c: Context, status: number, code: string, detail: string, extra: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}): Response {
  const body = {
    type: `urn:switchboard:error:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  // Headers set earlier (CORS) stay: the widget must be able to read the problem.
  for (const [name, value] of Object.entries(extra.headers ?? {})) c.header(name, value);
  c.header('Content-Type', 'application/problem+json');
  c.header('Cache-Control', 'no-store');
  return c.body(JSON.stringify(body), status as ContentfulStatusCode);
}

/**
 * Turns whatever a route threw into a problem answer. Plugin and core errors (which cross the bus
 * with code and status) keep both; a retryable core error (NATS down, core busy) adds
 * `Retry-After: 5` so the widget repeats the same, idempotent request. Anything else is a logged 500
 * without the request body, so no visitor's text reaches the logs.
 *
 * @example
 * routes.onError((err, c) => errorToProblem(err, c, logger));
 */
export function errorToProblem(err: unknown, c: Context, logger: Logger): Response {
  if (isSwitchboardError(err)) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 500;
    const details = Array.isArray(err.details) ? (err.details as FieldProblem[]) : undefined;
    if (status >= 500) logger.warn({ err, code: err.code, path: c.req.path }, 'webchat request failed');
    const headers: Record<string, string> = { ...(err instanceof WebchatError ? err.headers : {}), ...(err.retryable ? { 'Retry-After': '5' } : {}) };
    return problem(c, status, err.code, err.message, { ...(details ? { errors: details } : {}), headers });
  }
  logger.error({ err, path: c.req.path }, 'webchat request failed unexpectedly');
  return problem(c, 500, WebchatErrorCodes.INTERNAL, 'channel-webchat could not process the request; it was logged, try again later');
}
