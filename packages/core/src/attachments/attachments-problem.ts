import { isSwitchboardError } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CoreErrorCodes } from '../errors';

/** An RFC 9457 problem details body, with our stable error code beside the standard fields. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
};

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
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * The problem details of any thrown value. Switchboard errors keep their code, status and
 * message; anything else becomes a 500 whose detail reveals nothing of the internals.
 *
 * @example
 * toProblemDetails(new CoreError({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, status: 404, message: 'attachment x does not exist' }));
 * // { type: 'urn:switchboard:error:SWB_ERR_ATTACHMENT_NOT_FOUND', title: 'Not Found', status: 404, code: 'SWB_ERR_ATTACHMENT_NOT_FOUND', detail: 'attachment x does not exist' }
 */
export function toProblemDetails(error: unknown): ProblemDetails {
  let status = 500;
  let code: string = CoreErrorCodes.INTERNAL;
  let detail = 'an internal error occurred; the server log has the details';
  if (isSwitchboardError(error)) {
    status = error.status;
    code = error.code;
    // 5xx messages may name internals (hosts, buckets, keys); clients get the generic text.
    if (status < 500) detail = error.message;
  } else if (error instanceof HTTPException) {
    status = error.status;
    code = status === 413 ? CoreErrorCodes.BODY_TOO_LARGE : status === 401 ? CoreErrorCodes.UNAUTHENTICATED : CoreErrorCodes.VALIDATION;
    if (status < 500) detail = error.message || (TITLES[status] ?? 'request refused');
  }
  if (status < 400 || status > 599) status = 500;
  return { type: `urn:switchboard:error:${code}`, title: TITLES[status] ?? (status < 500 ? 'Client Error' : 'Server Error'), status, code, detail };
}

/**
 * Answers with an `application/problem+json` response for the error.
 *
 * @example
 * app.onError((error, c) => problem(c, error));
 */
export function problem(c: Context, error: unknown): Response {
  const body = toProblemDetails(error);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}
