import type { Context } from 'hono';
import * as v from 'valibot';
import type { RateLimiter } from './webchat-rate-limit';
import { WebchatError, WebchatErrorCodes, type FieldProblem } from './webchat-errors';

/** Largest JSON body the visitor API takes. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * The client's IP for per-IP limits: the socket's address, or with `trustProxy` the first address
 * of `X-Forwarded-For` (only behind a proxy that sets it). `unknown` when the runtime tells nothing.
 *
 * @example
 * const ip = clientIp(c, config.trustProxy);
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  // @hono/node-server passes the Node request as env.incoming.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Reads and validates a JSON body with a valibot schema, at most {@link MAX_JSON_BYTES}. Every
 * field problem is reported at once (422); broken JSON is a 400, an oversized body a 413.
 *
 * @example
 * const body = await parseJson(c, SeenSchema);
 */
export async function parseJson<TSchema extends v.GenericSchema>(c: Context, schema: TSchema): Promise<v.InferOutput<TSchema>> {
  const declared = Number(c.req.header('Content-Length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  const raw = await c.req.text();
  if (Buffer.byteLength(raw) > MAX_JSON_BYTES) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new WebchatError({
      code: WebchatErrorCodes.MALFORMED_JSON,
      status: 400,
      message: `channel-webchat: the body is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`,
      cause,
    });
  }
  return validate(schema, json, 'body');
}

/**
 * Validates anything from outside (a body, a query) and turns every issue into a 422 problem.
 *
 * @example
 * const query = validate(HistoryQuerySchema, c.req.query(), 'query');
 */
export function validate<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown, what: 'body' | 'query'): v.InferOutput<TSchema> {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  const errors: FieldProblem[] = parsed.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
  throw new WebchatError({
    code: WebchatErrorCodes.INVALID_BODY,
    status: 422,
    message: `channel-webchat: the ${what} was refused: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`,
    details: errors,
  });
}

function tooLarge(): WebchatError {
  return new WebchatError({ code: WebchatErrorCodes.BODY_TOO_LARGE, status: 413, message: `channel-webchat: the body is larger than ${MAX_JSON_BYTES} bytes` });
}

/**
 * Counts one request against a limit and throws a 429 problem with `Retry-After` when it is spent.
 *
 * @example
 * enforceLimit(limiter, `visitor:${visitor.id}`, 240, 60, 'requests per visitor');
 */
export function enforceLimit(limiter: RateLimiter, key: string, limit: number, windowSeconds: number, what: string): void {
  const verdict = limiter.hit(key, limit, windowSeconds * 1000);
  if (verdict.allowed) return;
  throw new WebchatError({
    code: WebchatErrorCodes.RATE_LIMITED,
    status: 429,
    message: `channel-webchat: too many ${what} (at most ${limit} per ${windowSeconds} s); try again in ${verdict.retryAfterSeconds} s`,
    headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
  });
}
