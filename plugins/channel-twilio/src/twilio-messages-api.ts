import type { DeliveryError } from '@switchboard/events';
import * as v from 'valibot';
import type { TwilioConfig } from './twilio-config';
import { twilioDeliveryError } from './twilio-error-codes';

/** What a Messages API call came to. */
export type SendOutcome =
  | { ok: true; sid: string | null; status: string }
  | { ok: false; error: DeliveryError; twilioCode: number | null };

/** Options of {@link sendToTwilio}. */
export type SendToTwilioOptions = {
  config: Pick<TwilioConfig, 'accountSid' | 'apiBaseUrl' | 'sendTimeoutMs'>;
  authToken: string;
  version: string;
  /** The form-encoded request body. */
  body: string;
  signal?: AbortSignal;
};

const CreatedSchema = v.object({
  sid: v.optional(v.nullable(v.string())),
  status: v.optional(v.nullable(v.string())),
  error_code: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  error_message: v.optional(v.nullable(v.string())),
});
const ErrorSchema = v.object({ code: v.optional(v.nullable(v.union([v.number(), v.string()]))), message: v.optional(v.nullable(v.string())) });
const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/**
 * The Messages API endpoint of an account.
 *
 * @example
 * messagesEndpoint({ apiBaseUrl: 'https://api.twilio.com', accountSid: 'AC…' }); // 'https://api.twilio.com/2010-04-01/Accounts/AC…/Messages.json'
 */
export function messagesEndpoint(config: Pick<TwilioConfig, 'accountSid' | 'apiBaseUrl'>): string {
  return `${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}/Messages.json`;
}

/**
 * Creates one message: POSTs the form to the account's Messages.json with HTTP Basic auth and
 * reads Twilio's answer. 201 gives the SID; a JSON error body gives Twilio's code and message,
 * mapped to retryable (429/20429, 5xx, timeouts, network errors, queue-full codes) or permanent.
 *
 * @example
 * const outcome = await sendToTwilio({ config, authToken, version: '0.1.0', body: 'To=%2B1…&From=%2B1…&Body=Hi' });
 * if (outcome.ok) console.log(outcome.sid);
 */
export async function sendToTwilio(options: SendToTwilioOptions): Promise<SendOutcome> {
  const { config } = options;
  const timeout = AbortSignal.timeout(config.sendTimeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(messagesEndpoint(config), {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.accountSid}:${options.authToken}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        'User-Agent': `switchboard-channel-twilio/${options.version}`,
      },
      body: options.body,
      redirect: 'manual',
      signal,
    });
    text = await response.text();
  } catch (cause) {
    const reason = timeout.aborted
      ? `no answer within ${config.sendTimeoutMs} ms (sendTimeoutMs)`
      : cause instanceof Error && cause.name === 'AbortError'
        ? 'the plugin is stopping'
        : networkReason(cause);
    return { ok: false, twilioCode: null, error: { code: 'twilio_unreachable', message: `channel-twilio: could not reach the Twilio API: ${reason}`, retryable: true } };
  }

  const json = parseJson(text);
  if (response.ok) {
    const created = v.safeParse(CreatedSchema, json);
    const sid = created.success && created.output.sid && SID.test(created.output.sid) ? created.output.sid : null;
    const status = (created.success && created.output.status) || 'queued';
    if (status === 'failed' && created.success) {
      const code = Number(created.output.error_code);
      if (Number.isInteger(code) && code > 0) return { ok: false, twilioCode: code, error: twilioDeliveryError(code, created.output.error_message) };
    }
    return { ok: true, sid, status };
  }

  const parsed = v.safeParse(ErrorSchema, json);
  const code = parsed.success ? Number(parsed.output.code) : NaN;
  const said = parsed.success ? parsed.output.message : text.trim().slice(0, 300);
  const transient = response.status === 429 || response.status >= 500;
  if (Number.isInteger(code) && code > 0) {
    const error = twilioDeliveryError(code, said, transient);
    return { ok: false, twilioCode: code, error: transient ? { ...error, retryable: true } : error };
  }
  return {
    ok: false,
    twilioCode: null,
    error: { code: `twilio_http_${response.status}`, message: `channel-twilio: the Twilio API answered HTTP ${response.status}${said ? `: ${said}` : ''}`, retryable: transient },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function networkReason(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${inner.message}` : inner.message;
  }
  return String(inner);
}
