import type { Context, MiddlewareHandler } from 'hono';
import type { WebchatConfig, WidgetConfig } from './webchat-config';
import { WebchatError, WebchatErrorCodes } from './webchat-errors';
import { clientIp, enforceLimit } from './webchat-http';
import { normalizeOrigin, originMatches, requestOrigin } from './webchat-origin';
import type { RateLimiter } from './webchat-rate-limit';
import type { Visitor, VisitorStore } from './webchat-visitor-store';

/** What the guards put on the request context. */
export type WebchatVariables = {
  /** The browser origin of the request (Origin, else Referer). */
  origin: string;
  /** True when the request comes from the server's own pages (the chat iframe). */
  sameOrigin: boolean;
  ip: string;
  visitor: Visitor;
  widget: WidgetConfig;
  token: string;
};
/** The Hono environment of the visitor API. */
export type WebchatEnv = { Variables: WebchatVariables };

/** The configured widgets, by site key and by id. */
export type WidgetRegistry = {
  bySiteKey(siteKey: string): WidgetConfig | undefined;
  byId(id: string): WidgetConfig | undefined;
  /** Whether any widget lets this origin in (for CORS headers and preflights). */
  anyAllows(origin: string): boolean;
  all: readonly WidgetConfig[];
};

/**
 * Indexes the configured widgets.
 *
 * @example
 * const widgets = createWidgetRegistry(ctx.config.widgets);
 * widgets.bySiteKey('wk_demo')?.id; // 'demo'
 */
export function createWidgetRegistry(widgets: readonly WidgetConfig[]): WidgetRegistry {
  const bySiteKey = new Map(widgets.map((w) => [w.siteKey, w]));
  const byId = new Map(widgets.map((w) => [w.id, w]));
  return {
    bySiteKey: (siteKey) => bySiteKey.get(siteKey),
    byId: (id) => byId.get(id),
    anyAllows: (origin) => widgets.some((w) => w.allowedOrigins.some((p) => originMatches(origin, p))),
    all: widgets,
  };
}

const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

function forbidden(origin: string | null, why: string): WebchatError {
  return new WebchatError({
    code: WebchatErrorCodes.ORIGIN_FORBIDDEN,
    status: 403,
    message: origin === null ? `channel-webchat: ${why}` : `channel-webchat: ${origin} ${why}`,
  });
}

/**
 * The first guard of the visitor API: answers CORS preflights, refuses requests whose origin no
 * widget allows (403) unless they come from the server itself (the chat iframe), sets CORS headers
 * for allowed sites (so even a problem answer is readable), and applies the broad per-IP limit.
 *
 * @example
 * routes.use('/v1/*', originGate({ widgets, limiter, config, publicUrl: ctx.publicUrl }));
 */
export function originGate(options: { widgets: WidgetRegistry; limiter: RateLimiter; config: WebchatConfig; publicUrl: string }): MiddlewareHandler<WebchatEnv> {
  const serverOrigin = normalizeOrigin(options.publicUrl);
  const broadIpLimit = Math.max(...options.widgets.all.map((w) => w.rateLimits.requestsPerIp));
  const broadWindow = Math.max(...options.widgets.all.map((w) => w.rateLimits.windowSeconds));
  return async (c, next) => {
    const origin = requestOrigin({ origin: c.req.header('Origin'), referer: c.req.header('Referer') });
    const sameOrigin = origin !== null && (origin === serverOrigin || origin === normalizeOrigin(c.req.url));
    const allowedSomewhere = origin !== null && !sameOrigin && options.widgets.anyAllows(origin);
    if (allowedSomewhere) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      for (const [name, value] of Object.entries(CORS_HEADERS)) c.header(name, value);
    }
    if (c.req.method === 'OPTIONS') {
      if (!allowedSomewhere && !sameOrigin) throw forbidden(origin, 'is not an allowed origin of any web chat widget (allowedOrigins)');
      return c.body(null, 204);
    }
    if (origin === null) throw forbidden(null, 'the request names no Origin or Referer; the visitor API answers browsers on allowed sites only');
    if (!allowedSomewhere && !sameOrigin) throw forbidden(origin, 'is not an allowed origin of any web chat widget (allowedOrigins)');
    const ip = clientIp(c, options.config.trustProxy);
    c.set('origin', origin);
    c.set('sameOrigin', sameOrigin);
    c.set('ip', ip);
    enforceLimit(options.limiter, `ip:${ip}`, broadIpLimit, broadWindow, 'requests from this address');
    await next();
  };
}

/**
 * Refuses a request from an origin that this widget (rather than just some widget) does not
 * allow, then counts it against the widget's per-IP limit.
 *
 * @example
 * admitToWidget(c, widget, limiter);
 */
export function admitToWidget(c: Context<WebchatEnv>, widget: WidgetConfig, limiter: RateLimiter): void {
  const origin = c.get('origin');
  if (!c.get('sameOrigin') && !widget.allowedOrigins.some((p) => originMatches(origin, p))) {
    throw forbidden(origin, `is not an allowed origin of widget ${widget.id} (allowedOrigins)`);
  }
  const limits = widget.rateLimits;
  enforceLimit(limiter, `ip:${widget.id}:${c.get('ip')}`, limits.requestsPerIp, limits.windowSeconds, 'requests from this address');
}

/**
 * The bearer token of a request: `Authorization: Bearer <token>`, or `?access_token=` where the
 * route allows it (EventSource cannot send headers).
 *
 * @example
 * const token = presentedToken(c, true);
 */
export function presentedToken(c: Context, allowQuery: boolean): string | undefined {
  const header = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (header !== undefined) return header;
  return allowQuery ? c.req.query('access_token') : undefined;
}

/**
 * Authenticates a visitor by session token (401 when missing, unknown, revoked or expired), checks
 * the origin against the visitor's widget, and applies the per-visitor limit.
 *
 * @example
 * routes.post('/v1/seen', requireVisitor({ visitors, widgets, limiter }), handler);
 */
export function requireVisitor(options: { visitors: VisitorStore; widgets: WidgetRegistry; limiter: RateLimiter; allowQueryToken?: boolean }): MiddlewareHandler<WebchatEnv> {
  return async (c, next) => {
    const token = presentedToken(c, options.allowQueryToken ?? false);
    if (token === undefined) {
      throw new WebchatError({
        code: WebchatErrorCodes.UNAUTHENTICATED,
        status: 401,
        message: 'channel-webchat: send the session token as `Authorization: Bearer <token>` (from POST /v1/sessions)',
        headers: { 'WWW-Authenticate': 'Bearer realm="channel-webchat"' },
      });
    }
    const visitor = await authenticate(token, options.visitors, options.widgets);
    const widget = options.widgets.byId(visitor.widgetId) as WidgetConfig;
    admitToWidget(c, widget, options.limiter);
    enforceLimit(options.limiter, `visitor:${visitor.id}`, widget.rateLimits.requestsPerVisitor, widget.rateLimits.windowSeconds, 'requests from this visitor');
    c.set('visitor', visitor);
    c.set('widget', widget);
    c.set('token', token);
    await next();
  };
}

/**
 * Finds the visitor of a session token, or throws the 401 that says why not.
 *
 * @example
 * const visitor = await authenticate(token, visitors, widgets);
 */
export async function authenticate(token: string, visitors: VisitorStore, widgets: WidgetRegistry): Promise<Visitor> {
  const invalid = (reason: 'invalid' | 'expired') =>
    new WebchatError({
      code: reason === 'expired' ? WebchatErrorCodes.TOKEN_EXPIRED : WebchatErrorCodes.TOKEN_INVALID,
      status: 401,
      message:
        reason === 'expired'
          ? 'channel-webchat: the session token has expired; create a new session (POST /v1/sessions without a token)'
          : 'channel-webchat: the session token is unknown or was revoked; create a new session (POST /v1/sessions without a token)',
      headers: { 'WWW-Authenticate': `Bearer realm="channel-webchat", error="invalid_token"` },
    });
  // A token of a widget that is no longer configured is simply invalid.
  const check = await visitors.checkToken(token, (widgetId) => widgets.byId(widgetId)?.sessionTtlSeconds);
  if (!check.ok) throw invalid(check.reason);
  return check.visitor;
}
