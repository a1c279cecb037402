import { readLimitedBody } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { ViberBot } from './viber-config';
import { ViberError, ViberErrorCodes } from './viber-errors';
import { MessageTokenSchema } from './viber-callback-schemas';
import { parseViberJson } from './viber-json';

/** Why a Viber call failed: Viber's `status` (HTTP 200 with an error in the body), HTTP, or transport. */
export type ViberFailure = {
  /** Viber's JSON `status` (1–15 and newer), or null when the answer had none. */
  status: number | null;
  /** Viber's `status_message`, an HTTP status line or the transport error. */
  statusMessage: string;
  /** The HTTP status, 0 when Viber never answered. */
  httpStatus: number;
  retryable: boolean;
};

/**
 * A failed Viber call. The message never contains the bot token (it travels in a header only).
 *
 * @example
 * try { await api.call('send_message', body); } catch (err) { if (err instanceof ViberApiError && err.failure.status === 6) stop(); }
 */
export class ViberApiError extends ViberError {
  readonly failure: ViberFailure;
  constructor(endpoint: string, failure: ViberFailure, cause?: unknown) {
    super({
      code: failure.httpStatus === 0 ? ViberErrorCodes.API_UNREACHABLE : ViberErrorCodes.API_FAILED,
      message: `Viber ${endpoint}: ${failure.status !== null ? `status ${failure.status} ` : ''}${failure.statusMessage}`,
      retryable: failure.retryable,
      status: 502,
      cause,
    });
    this.name = 'ViberApiError';
    this.failure = failure;
  }
}

/**
 * Viber statuses a later call can get past: 10 webhookNotSet (registration still under way) and
 * 12 tooManyRequests. Every other non-zero status needs a change first.
 */
const RETRYABLE_STATUSES = new Set([10, 12]);

const AnswerSchema = v.object({
  status: v.number(),
  status_message: v.optional(v.string()),
  message_token: v.optional(MessageTokenSchema),
});

/** The answer of a successful call; `message_token` as a string. */
export type ViberAnswer = v.InferOutput<typeof AnswerSchema> & Record<string, unknown>;

/** A REST bot API client of one bot. */
export type ViberApi = {
  /** POSTs JSON to an endpoint (`send_message`, `set_webhook`…) and returns the answer when `status` is 0. */
  call(endpoint: string, body: Record<string, unknown>): Promise<ViberAnswer>;
  /** Downloads a media URL from a callback (time-limited, no credentials); refuses more than `maxBytes`. */
  downloadMedia(url: string, maxBytes: number): Promise<Uint8Array>;
};

/** Options of {@link createViberApi}. */
export type ViberApiOptions = {
  bot: Pick<ViberBot, 'token'>;
  /** `https://chatapi.viber.com/pa` or a stand-in. */
  baseUrl: string;
  timeoutMs: number;
  signal?: AbortSignal;
};

/**
 * Creates the REST client of one bot. Viber answers HTTP 200 even for errors; the JSON `status`
 * decides, and its 64-bit `message_token` is read without losing digits.
 *
 * @example
 * const api = createViberApi({ bot, baseUrl: config.apiBaseUrl, timeoutMs: 10_000 });
 * const { message_token } = await api.call('send_message', { receiver, sender, type: 'text', text: 'Hi' });
 */
export function createViberApi(options: ViberApiOptions): ViberApi {
  async function request(what: string, url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      return await fetch(url, { ...init, signal, redirect: 'follow' });
    } catch (cause) {
      const statusMessage = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : `could not reach Viber: ${transportReason(cause)}`;
      throw new ViberApiError(what, { status: null, statusMessage, httpStatus: 0, retryable: true });
    }
  }

  async function call(endpoint: string, body: Record<string, unknown>): Promise<ViberAnswer> {
    const response = await request(endpoint, `${options.baseUrl}/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Viber-Auth-Token': options.bot.token },
      body: JSON.stringify(body),
    });
    const text = await response.text().catch(() => '');
    const httpStatus = response.status;
    let json: unknown;
    try {
      json = parseViberJson(text);
    } catch {
      json = undefined;
    }
    const parsed = v.safeParse(AnswerSchema, json);
    if (!response.ok || !parsed.success) {
      throw new ViberApiError(endpoint, {
        status: parsed.success ? parsed.output.status : null,
        statusMessage: `answered HTTP ${httpStatus}${text ? `: ${text.trim().slice(0, 200)}` : ''}`,
        httpStatus,
        retryable: httpStatus === 429 || httpStatus >= 500 || httpStatus === 200,
      });
    }
    const answer = parsed.output;
    if (answer.status !== 0) {
      throw new ViberApiError(endpoint, { status: answer.status, statusMessage: answer.status_message ?? 'no status_message', httpStatus, retryable: RETRYABLE_STATUSES.has(answer.status) });
    }
    return { ...(json as Record<string, unknown>), ...answer };
  }

  async function downloadMedia(url: string, maxBytes: number): Promise<Uint8Array> {
    const response = await request('media download', url, { method: 'GET' });
    const httpStatus = response.status;
    if (!response.ok) {
      await response.body?.cancel();
      throw new ViberApiError('media download', { status: null, statusMessage: `answered HTTP ${httpStatus}${httpStatus === 403 || httpStatus === 404 ? ' (the link expired)' : ''}`, httpStatus, retryable: httpStatus === 429 || httpStatus >= 500 });
    }
    return readLimitedBody(response, maxBytes, (size) => tooLarge(size, maxBytes));
  }

  return { call, downloadMedia };
}

function tooLarge(size: number | null, maxBytes: number): ViberApiError {
  const what = size === null ? 'the file is' : `the file is ${size} bytes,`;
  return new ViberApiError('media download', { status: null, statusMessage: `${what} more than the ${maxBytes} bytes accepted`, httpStatus: 413, retryable: false });
}

function transportReason(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${inner.message}` : inner.message;
  }
  return String(inner);
}
