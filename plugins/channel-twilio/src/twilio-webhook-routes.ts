import type { Logger } from '@switchboard/plugin-sdk';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TwilioErrorCodes, twilioProblem } from './twilio-errors';
import { parseTwilioForm, twilioFormRecord } from './twilio-form';
import { verifyTwilioSignature } from './twilio-signature';
import type { WebhookKind, WebhookReceived } from './twilio-webhook-event';

/** The empty TwiML answer: nothing to say now, replies go through the REST API later. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?>\n<Response></Response>\n';
/** Twilio's form bodies are a few KB; anything far larger is not Twilio. */
const MAX_BODY_BYTES = 64 * 1024;

/** What the webhook routes need. */
export type TwilioWebhookRoutesOptions = {
  authToken: string;
  /** The public URL of the routes as configured in Twilio, without `/messages` or `/status`. */
  webhookBaseUrl: string;
  /** Hands a verified request to the asynchronous worker; must be durable before it resolves. */
  accept(received: WebhookReceived, messageSid: string | undefined): Promise<void>;
  logger: Logger;
  now?: () => Date;
};

/**
 * The routes Twilio calls: `POST /messages` (incoming message webhook) and `POST /status`
 * (status callback). Each checks `X-Twilio-Signature` over the configured public URL and the
 * decoded form parameters before anything else, answers 403 with nothing stored when it does not
 * match, hands the verified body on, and answers an empty TwiML `<Response>` at once.
 *
 * @example
 * ctx.http.route('/', createTwilioWebhookRoutes({ authToken, webhookBaseUrl, accept, logger: ctx.logger }));
 */
export function createTwilioWebhookRoutes(options: TwilioWebhookRoutesOptions): Hono {
  const now = options.now ?? (() => new Date());
  const routes = new Hono();
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => twilioProblem(c, 413, TwilioErrorCodes.BODY_TOO_LARGE, `channel-twilio: the body is larger than ${MAX_BODY_BYTES} bytes`),
  });

  const receive = (kind: WebhookKind, path: string) => async (c: Context) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return twilioProblem(c, 415, TwilioErrorCodes.UNSUPPORTED_CONTENT_TYPE, 'channel-twilio: Twilio webhooks are application/x-www-form-urlencoded POSTs; set the webhook method to HTTP POST');
    }
    const body = await c.req.text();
    const params = parseTwilioForm(body);
    // Twilio signed the URL it was configured with; a proxy may have changed host and path, so
    // only the query string is taken from the request, exactly as it arrived.
    const url = `${options.webhookBaseUrl}${path}${rawQuery(c.req.url)}`;
    if (!verifyTwilioSignature(options.authToken, c.req.header('X-Twilio-Signature'), url, params)) {
      options.logger.warn({ url, kind }, 'Twilio webhook refused: X-Twilio-Signature does not match');
      return twilioProblem(
        c,
        403,
        TwilioErrorCodes.SIGNATURE_INVALID,
        `channel-twilio: X-Twilio-Signature does not match ${url}; the URL in the Twilio console must equal webhookBaseUrl + ${path} and the authToken secret must be the primary Auth Token`,
      );
    }
    const messageSid = twilioFormRecord(params).MessageSid;
    try {
      await options.accept({ kind, body, receivedAt: now().toISOString() }, messageSid);
    } catch (err) {
      // Not stored durably: Twilio retries (or calls the fallback URL) on a 5xx.
      options.logger.error({ err, kind, messageSid }, 'Twilio webhook could not be queued');
      return twilioProblem(c, 503, TwilioErrorCodes.UNAVAILABLE, 'channel-twilio: the webhook could not be queued; Twilio will retry', { 'Retry-After': '5' });
    }
    return c.body(EMPTY_TWIML, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  };

  routes.post('/messages', limit, receive('message', '/messages'));
  routes.post('/status', limit, receive('status', '/status'));
  return routes;
}

/** The query string exactly as it arrived, `?` included; empty when there is none. */
function rawQuery(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}
