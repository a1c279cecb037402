import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { PluginBus } from './bus/bus-types';
import type { Logger } from './logger';
import { problemResponse } from './problem-response';
import { createWebhookIntake } from './webhook-intake';

/**
 * The header Meta signs webhook bodies in: `sha256=<lowercase hex HMAC-SHA256>`.
 *
 * @example
 * const header = c.req.header(HUB_SIGNATURE_HEADER);
 */
export const HUB_SIGNATURE_HEADER = 'X-Hub-Signature-256';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Signs a body the way Meta does: `sha256=` + hex HMAC-SHA256 keyed with the App Secret. Sign the
 * exact bytes that are sent: Meta escapes non-ASCII characters as `\uXXXX` and signs that form.
 *
 * @example
 * signHubBody('app-secret', '{"object":"page"}'); // 'sha256=…' (64 lowercase hex digits)
 */
export function signHubBody(appSecret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Whether an `X-Hub-Signature-256` header matches the raw request body, compared in constant
 * time. Pass the bytes exactly as received, before any JSON parsing: re-serialising parsed JSON
 * turns `\u00e9` into `é` and `\/` into `/` and no longer matches. An empty App Secret matches
 * nothing, so a missing secret can never let unsigned bodies through.
 *
 * @example
 * if (!verifyHubSignature(appSecret, c.req.header(HUB_SIGNATURE_HEADER), rawBytes)) return c.body(null, 403);
 */
export function verifyHubSignature(appSecret: string, header: string | null | undefined, body: Uint8Array): boolean {
  const match = SIGNATURE.exec(header?.trim() ?? '');
  if (!appSecret || !match) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected);
}

/**
 * Answers Meta's subscription handshake: the `hub.challenge` to echo when `hub.mode` is
 * `subscribe` and `hub.verify_token` equals the configured token (constant-time), else null.
 * An empty configured token matches nothing.
 *
 * @example
 * const challenge = hubChallenge(new URL(c.req.url).searchParams, verifyToken);
 * if (challenge === null) return c.body(null, 403);
 */
export function hubChallenge(query: URLSearchParams, verifyToken: string): string | null {
  const token = Buffer.from(query.get('hub.verify_token') ?? '');
  const expected = Buffer.from(verifyToken);
  const tokenMatches = token.length === expected.length && expected.length > 0 && timingSafeEqual(token, expected);
  const challenge = query.get('hub.challenge');
  return query.get('hub.mode') === 'subscribe' && tokenMatches && challenge ? challenge : null;
}

/** Options of {@link createMetaWebhookRoutes}. */
export type MetaWebhookRoutesOptions = {
  /** The App Secret Meta signs bodies with. */
  appSecret: string;
  /** The token entered at Meta next to the callback URL; the handshake must present it. */
  verifyToken: string;
  bus: Pick<PluginBus, 'publish'>;
  logger: Logger;
  /** The plugin's own event a verified body becomes, e.g. `channel-acme.webhook.received.v1`. */
  eventType: string;
  /** The largest body taken; NATS refuses messages over 1 MB. */
  maxBytes: number;
  /** The plugin's error codes, one per way the routes refuse. */
  codes: {
    signatureMissing: string;
    signatureInvalid: string;
    verifyTokenMismatch: string;
    bodyTooLarge: string;
    unavailable: string;
  };
  /** Appended to the wrong-signature detail to say where the App Secret is found, e.g. ` (App Dashboard → App settings → Basic)`. */
  appSecretHint?: string;
};

/**
 * The routes Meta calls at a plugin's `/webhook`, the same for every Graph API product: `GET`
 * answers the subscription handshake with `hub.challenge` (403 otherwise); `POST` checks
 * `X-Hub-Signature-256` over the raw bytes (401 without it, 403 when it does not match, nothing
 * stored either way), publishes the body as `eventType` and answers `EVENT_RECEIVED` at once, as
 * Meta expects; the plugin's durable subscription does the rest.
 *
 * @example
 * ctx.http.route('/', createMetaWebhookRoutes({
 *   appSecret: ctx.secrets.appSecret, verifyToken: ctx.secrets.verifyToken, bus: ctx.bus, logger: ctx.logger,
 *   eventType: 'channel-acme.webhook.received.v1', maxBytes: 900 * 1024,
 *   codes: {
 *     signatureMissing: 'SWB_ERR_ACME_SIGNATURE_MISSING', signatureInvalid: 'SWB_ERR_ACME_SIGNATURE_INVALID',
 *     verifyTokenMismatch: 'SWB_ERR_ACME_VERIFY_TOKEN_MISMATCH', bodyTooLarge: 'SWB_ERR_ACME_BODY_TOO_LARGE', unavailable: 'SWB_ERR_ACME_UNAVAILABLE',
 *   },
 * }));
 */
export function createMetaWebhookRoutes(options: MetaWebhookRoutesOptions): Hono {
  const { logger, codes } = options;
  const routes = new Hono();

  routes.get('/webhook', (c) => {
    const challenge = hubChallenge(new URL(c.req.url).searchParams, options.verifyToken);
    if (challenge === null) {
      logger.warn({ mode: c.req.query('hub.mode') ?? null }, 'webhook verification refused');
      return problemResponse(c, 403, codes.verifyTokenMismatch, 'hub.mode must be "subscribe" and hub.verify_token must equal the verifyToken secret');
    }
    return c.text(challenge, 200);
  });

  routes.route(
    '/',
    createWebhookIntake({
      path: '/webhook',
      bus: options.bus,
      logger,
      eventType: options.eventType,
      maxBytes: options.maxBytes,
      codes: { bodyTooLarge: codes.bodyTooLarge, unavailable: codes.unavailable },
      retryHint: 'Meta will retry it',
      acceptedText: 'EVENT_RECEIVED',
      verify(raw, c) {
        const header = c.req.header(HUB_SIGNATURE_HEADER);
        if (!header) return { status: 401, code: codes.signatureMissing, detail: `${HUB_SIGNATURE_HEADER} is missing; only Meta’s signed notifications are accepted` };
        if (!verifyHubSignature(options.appSecret, header, raw)) {
          return { status: 403, code: codes.signatureInvalid, detail: `${HUB_SIGNATURE_HEADER} does not match the body; check the appSecret secret${options.appSecretHint ?? ''}` };
        }
        return null;
      },
    }),
  );
  return routes;
}
