import { createHash, timingSafeEqual } from 'node:crypto';
import { problemResponse } from '@switchboard/plugin-sdk';
import type { MiddlewareHandler } from 'hono';
import { ChannelApiErrorCodes } from './channel-api-errors';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Hono middleware admitting only requests with `Authorization: Bearer <token>`. Both sides are
 * hashed before a constant-time comparison, so neither the token's content nor its length leaks
 * through timing. Anything else gets a 401 problem with `WWW-Authenticate: Bearer`.
 *
 * @example
 * routes.post('/messages', requireBearerToken(ctx.secrets.inboundToken), handler);
 */
export function requireBearerToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      return problemResponse(
        c,
        401,
        ChannelApiErrorCodes.UNAUTHENTICATED,
        presented === undefined
          ? 'channel-api: send the inbound token as `Authorization: Bearer <token>`'
          : 'channel-api: the bearer token does not match the inboundToken secret',
        { headers: { 'WWW-Authenticate': 'Bearer realm="channel-api"' } },
      );
    }
    await next();
  };
}
