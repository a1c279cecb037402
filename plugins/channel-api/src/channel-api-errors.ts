import { SwitchboardError, isSwitchboardError, type Logger } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The error catalog of the channel-api plugin. Every problem its HTTP API answers carries one of
 * these codes, or the code of the core error it passes on.
 *
 * @example
 * if (problem.code === ChannelApiErrorCodes.INVALID_BODY) showFieldErrors(problem.errors);
 */
export const ChannelApiErrorCodes = {
  UNAUTHENTICATED: 'SWB_ERR_CHANNEL_API_UNAUTHENTICATED',
  MALFORMED_JSON: 'SWB_ERR_CHANNEL_API_MALFORMED_JSON',
  INVALID_BODY: 'SWB_ERR_CHANNEL_API_INVALID_BODY',
  BODY_TOO_LARGE: 'SWB_ERR_CHANNEL_API_BODY_TOO_LARGE',
  ATTACHMENT_TOO_LARGE: 'SWB_ERR_CHANNEL_API_ATTACHMENT_TOO_LARGE',
  SECRET_MISSING: 'SWB_ERR_CHANNEL_API_SECRET_MISSING',
  INTERNAL: 'SWB_ERR_CHANNEL_API_INTERNAL',
} as const;
/** One of the {@link ChannelApiErrorCodes}. */
export type ChannelApiErrorCode = (typeof ChannelApiErrorCodes)[keyof typeof ChannelApiErrorCodes];

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** One field-level problem of a refused request body. */
export type FieldProblem = { path: string; message: string };

/**
 * An error of the channel-api plugin: a stable code, a message naming the fix, and its HTTP status.
 *
 * @example
 * throw new ChannelApiError({ code: ChannelApiErrorCodes.MALFORMED_JSON, message: 'the body is not valid JSON', status: 400 });
 */
export class ChannelApiError extends SwitchboardError {
  constructor(options: { code: ChannelApiErrorCode; message: string; status: number; details?: FieldProblem[]; cause?: unknown }) {
    super({ ...options, retryable: false });
    this.name = 'ChannelApiError';
  }
}

/**
 * Answers a request with an RFC 9457 `application/problem+json` body: `type`, `title`, `status`,
 * `detail`, plus the stable `code` and, for a refused body, the field-level `errors`.
 *
 * @example
 * return problem(c, 401, ChannelApiErrorCodes.UNAUTHENTICATED, 'send Authorization: Bearer <inboundToken>');
 */
export function problem(
  c: Context,
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldProblem[]; headers?: Record<string, string> } = {},
): Response {
  const body = {
    type: `urn:switchboard:error:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    ...extra.headers,
    'Content-Type': 'application/problem+json',
  });
}

/**
 * Turns whatever a route threw into a problem response. Errors of this plugin and of the core
 * (which cross the bus with their code and status) keep both; anything else is a 500 that is
 * logged, without the request body, so no customer payload reaches the logs.
 *
 * @example
 * routes.onError((err, c) => errorToProblem(err, c, logger));
 */
export function errorToProblem(err: unknown, c: Context, logger: Logger): Response {
  if (isSwitchboardError(err)) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 500;
    const details = Array.isArray(err.details) ? (err.details as FieldProblem[]) : undefined;
    if (status >= 500) logger.warn({ err, code: err.code, path: c.req.path }, 'inbound request failed');
    // A retryable core error (NATS down, core busy) tells the integrator to try the same request again.
    const headers: Record<string, string> | undefined = err.retryable ? { 'Retry-After': '5' } : undefined;
    return problem(c, status, err.code, err.message, { ...(details ? { errors: details } : {}), ...(headers ? { headers } : {}) });
  }
  logger.error({ err, path: c.req.path }, 'inbound request failed unexpectedly');
  return problem(c, 500, ChannelApiErrorCodes.INTERNAL, 'channel-api could not process the request; it was logged, try again later');
}
