import type { DeliverInput, DeliverOutput, Identity } from '@switchboard/events';
import { DeliveryFailure } from '@switchboard/plugin-sdk';
import type { ChannelApiOutboundConfig } from './channel-api-config';
import { ATTEMPT_HEADER, DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature';

/** The JSON body of the `message.created` webhook, sent once per outbound message (and per retry). */
export type MessageCreatedWebhook = {
  type: 'message.created';
  /** Switchboard's message id; also in `X-Switchboard-Delivery`, the receiver's idempotency key. */
  id: string;
  conversationId: string;
  /** The thread id the integrator gave on inbound (`thread` of POST /messages). */
  thread: string;
  /** Who to deliver to: `{ type: 'api_user', value: <from.id of the inbound message> }`. */
  recipient: Identity | null;
  sender: { kind: string; name: string | null };
  text: string;
  /** Each with a short-lived `url` to download the file from. */
  attachments: Array<{ id: string; name: string; contentType: string; size: number; url: string }>;
  createdAt: string;
};

/** Options of {@link createWebhookDeliver}. */
export type WebhookDeliverOptions = {
  outbound: ChannelApiOutboundConfig;
  /** The `webhookSecret` the body is signed with. */
  webhookSecret: string;
  /** Sent as `User-Agent: switchboard-channel-api/<version>`. */
  version: string;
  /** Aborts a send in flight when the plugin stops; the attempt is then retried later. */
  signal?: AbortSignal;
  /** The clock, for tests. */
  now?: () => Date;
};

/** Longest excerpt of a refusing receiver's answer kept in the failure message. */
const MAX_ERROR_TEXT = 500;

/**
 * Builds the message-created webhook body from what the core asks to deliver.
 *
 * @example
 * const body = JSON.stringify(toMessageCreatedWebhook(input));
 */
export function toMessageCreatedWebhook(input: DeliverInput): MessageCreatedWebhook {
  const { message, leg } = input;
  return {
    type: 'message.created',
    id: message.id,
    conversationId: message.conversationId,
    thread: leg.thread,
    recipient: leg.identity,
    sender: { kind: message.sender.kind, name: message.sender.name },
    text: message.text,
    attachments: input.attachments.map(({ id, name, contentType, size, url }) => ({ id, name, contentType, size, url })),
    createdAt: message.createdAt,
  };
}

/**
 * Creates the channel's `deliver`: POSTs a signed `message.created` webhook to `outbound.url`.
 * A 2xx answer means sent (the answer's JSON `id`, if any, becomes the provider message id).
 * 408, 429, 5xx, timeouts and network errors throw a retryable {@link DeliveryFailure}, so the
 * core tries again with backoff and dead-letters after its last attempt; any other answer
 * (other 4xx, redirects) fails the message at once with the receiver's reason.
 *
 * @example
 * const deliver = createWebhookDeliver({ outbound: ctx.config.outbound, webhookSecret: ctx.secrets.webhookSecret, version: '0.1.0' });
 * createChannelAdapter(ctx, { deliver });
 */
export function createWebhookDeliver(options: WebhookDeliverOptions): (input: DeliverInput) => Promise<DeliverOutput> {
  const { outbound, webhookSecret } = options;
  const target = describeUrl(outbound.url);
  const userAgent = `switchboard-channel-api/${options.version}`;
  const now = options.now ?? (() => new Date());

  return async (input) => {
    if (input.message.private || input.message.direction !== 'outbound') {
      // A private note must never reach a customer, whatever asked for it.
      throw new DeliveryFailure({ code: 'not_deliverable', message: `channel-api: message ${input.message.id} is not an outbound customer message`, retryable: false });
    }
    const body = JSON.stringify(toMessageCreatedWebhook(input));
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const timeout = AbortSignal.timeout(outbound.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;

    let response: Response;
    let text: string;
    try {
      response = await fetch(outbound.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': userAgent,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(webhookSecret, timestamp, body),
          [DELIVERY_HEADER]: input.message.id,
          [ATTEMPT_HEADER]: String(input.attempt),
        },
        body,
        // Following a redirect would turn the POST into a GET and drop the body.
        redirect: 'manual',
        signal,
      });
      text = await response.text();
    } catch (cause) {
      throw transportFailure(cause, timeout, target, outbound.timeoutMs);
    }

    if (response.ok) return { providerMessageId: providerIdFrom(text), state: 'sent' };
    throw statusFailure(response, text, target);
  };
}

function transportFailure(cause: unknown, timeout: AbortSignal, target: string, timeoutMs: number): DeliveryFailure {
  if (timeout.aborted) {
    return new DeliveryFailure({ code: 'timeout', message: `channel-api: ${target} did not answer within ${timeoutMs} ms (outbound.timeoutMs)`, retryable: true, cause });
  }
  if (cause instanceof Error && cause.name === 'AbortError') {
    return new DeliveryFailure({ code: 'aborted', message: `channel-api: the send to ${target} was cut short because the plugin is stopping`, retryable: true, cause });
  }
  const reason = networkReason(cause);
  return new DeliveryFailure({ code: 'network', message: `channel-api: could not reach ${target}: ${reason}`, retryable: true, cause });
}

function statusFailure(response: Response, text: string, target: string): DeliveryFailure {
  const { status } = response;
  const excerpt = text.trim().slice(0, MAX_ERROR_TEXT);
  const answered = `channel-api: ${target} answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = response.headers.get('Retry-After');
    const hint = retryAfter ? ` (Retry-After: ${retryAfter})` : '';
    return new DeliveryFailure({ code: `http_${status}`, message: `${answered}${hint}${excerpt ? `: ${excerpt}` : ''}`, retryable: true });
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('Location');
    return new DeliveryFailure({
      code: `http_${status}`,
      message: `${answered}, a redirect${location ? ` to ${location}` : ''}; set outbound.url to the final URL`,
      retryable: false,
    });
  }
  return new DeliveryFailure({ code: `http_${status}`, message: `${answered}${excerpt ? `: ${excerpt}` : ''}`, retryable: false });
}

/** The receiver may answer with `{ "id": "<its message id>" }`; anything else means no id. */
function providerIdFrom(text: string): string | null {
  if (!text) return null;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && 'id' in json) {
      const id = (json as { id: unknown }).id;
      if (typeof id === 'string' && id.length > 0) return id.slice(0, 512);
      if (typeof id === 'number' && Number.isFinite(id)) return String(id);
    }
  } catch {
    // A 2xx with a non-JSON body is still a successful delivery.
  }
  return null;
}

function networkReason(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${inner.message}` : inner.message;
  }
  return String(inner);
}

/** The URL without query string or credentials, which may hold secrets, for messages and logs. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
