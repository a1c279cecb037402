import { isSwitchboardError, problemBody, type FieldProblem, type Logger, type ProblemBody } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CoreErrorCodes } from '../errors';

const fallbackLogger = { error: (fields: Record<string, unknown>, message: string) => console.error(message, fields) };

/** The body of an `application/problem+json` response (RFC 9457) with our stable `code`. */
export type Problem = ProblemBody;

/**
 * Builds the problem body for an error. Unknown errors become a 500 without internals.
 *
 * @example
 * const body = toProblem(new CoreError({ code: 'SWB_ERR_NOT_FOUND', message: 'no such thing', status: 404 }));
 */
export function toProblem(err: unknown): Problem {
  if (isSwitchboardError(err)) {
    const status = err.status >= 400 && err.status < 600 ? err.status : 500;
    // 5xx messages may name internals (hosts, buckets, keys): clients get a generic text.
    const detail = status < 500 ? err.message : 'an internal error occurred; the server log has the details';
    return problemBody(status, err.code, detail, Array.isArray(err.details) ? (err.details as FieldProblem[]) : undefined);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? CoreErrorCodes.BODY_TOO_LARGE : status === 401 ? CoreErrorCodes.UNAUTHENTICATED : CoreErrorCodes.VALIDATION;
    const fallback = problemBody(status, code, '');
    return { ...fallback, detail: err.message || fallback.title };
  }
  return problemBody(500, CoreErrorCodes.INTERNAL, 'an internal error occurred; the server log has the details');
}

/**
 * Answers with `application/problem+json`, logging 5xx with the error.
 *
 * @example
 * app.onError((err, c) => problemResponse(c, err, logger));
 */
export function problemResponse(c: Context, err: unknown, logger?: Logger): Response {
  const problem = toProblem(err);
  if (problem.status >= 500) (logger ?? fallbackLogger).error({ err, path: c.req.path }, 'request failed');
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  // The rest of an oversize body is never read: the connection cannot be reused.
  if (problem.status === 413) headers.connection = 'close';
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
