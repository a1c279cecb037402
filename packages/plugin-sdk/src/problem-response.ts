import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isSwitchboardError } from './errors';
import type { Logger } from './logger';

const TITLES: Readonly<Record<number, string>> = {
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
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** One field-level problem of a refused request body: where (a dot path) and what is wrong. */
export type FieldProblem = { path: string; message: string };

/** The body of an `application/problem+json` answer (RFC 9457) with Switchboard's stable `code`. */
export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[];
};

/**
 * Builds a problem body: `type` is `urn:switchboard:error:<code>`, `title` the status's name. The
 * core's API and every plugin answer with this shape, so clients handle every error alike.
 *
 * @example
 * problemBody(404, 'SWB_ERR_NOT_FOUND', 'no conversation 01J…');
 * // { type: 'urn:switchboard:error:SWB_ERR_NOT_FOUND', title: 'Not Found', status: 404, code: 'SWB_ERR_NOT_FOUND', detail: 'no conversation 01J…' }
 */
export function problemBody(status: number, code: string, detail: string, errors?: FieldProblem[]): ProblemBody {
  return { type: `urn:switchboard:error:${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...(errors ? { errors } : {}) };
}

/** What a problem answer may carry besides its body: headers, and the fields of a refused body. */
export type ProblemExtras = { headers?: Record<string, string>; errors?: FieldProblem[] };

/**
 * Answers a plugin route with an RFC 9457 `application/problem+json` body — `type`, `title`,
 * `status`, `detail`, the plugin's stable `code` and, for a refused body, `errors` — the shape
 * the core's API answers with. The code comes from the plugin's own catalog. Headers set on the
 * context before (CORS) stay.
 *
 * @example
 * return problemResponse(c, 403, 'SWB_ERR_ACME_SIGNATURE_INVALID', 'X-Acme-Signature does not match the body');
 * return problemResponse(c, 503, 'SWB_ERR_ACME_UNAVAILABLE', 'try again', { headers: { 'Retry-After': '5' } });
 */
export function problemResponse(c: Context, status: number, code: string, detail: string, extras: ProblemExtras = {}): Response {
  const body = problemBody(status, code, detail, extras.errors);
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, { ...extras.headers, 'Content-Type': 'application/problem+json' });
}

/** Options of {@link errorProblemResponse}. */
export type ErrorProblemOptions = {
  /** Names the plugin in the log line and in the 500's detail, e.g. `channel-acme`. */
  pluginId: string;
  /** The plugin's code for an error that is not a Switchboard error, answered as a 500. */
  internalCode: string;
  logger: Logger;
  /** Headers for the answer to this error (e.g. `WWW-Authenticate` of the plugin's own errors). */
  headers?: (err: unknown) => Record<string, string>;
};

/**
 * Turns whatever a plugin's route threw into a problem answer, for `routes.onError`. Errors of the
 * plugin and of the core (which cross the bus with their code and status) keep both, and their
 * field `details` become `errors`; a retryable one (NATS down, core busy) adds `Retry-After: 5`,
 * so the client repeats the same, idempotent request. Anything else is a 500 that is logged
 * without the request body, so no customer's words reach the logs.
 *
 * @example
 * routes.onError((err, c) => errorProblemResponse(err, c, { pluginId: 'channel-acme', internalCode: 'SWB_ERR_ACME_INTERNAL', logger }));
 */
export function errorProblemResponse(err: unknown, c: Context, options: ErrorProblemOptions): Response {
  const headers = options.headers?.(err) ?? {};
  if (isSwitchboardError(err)) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 500;
    const errors = Array.isArray(err.details) ? (err.details as FieldProblem[]) : undefined;
    if (status >= 500) options.logger.warn({ err, code: err.code, path: c.req.path }, `${options.pluginId} request failed`);
    return problemResponse(c, status, err.code, err.message, { ...(errors ? { errors } : {}), headers: { ...headers, ...(err.retryable ? { 'Retry-After': '5' } : {}) } });
  }
  options.logger.error({ err, path: c.req.path }, `${options.pluginId} request failed unexpectedly`);
  return problemResponse(c, 500, options.internalCode, `${options.pluginId} could not process the request; it was logged, try again later`, { headers });
}
