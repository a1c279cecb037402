import { readLimitedBody } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { TelegramBot } from './telegram-config';
import { TelegramError, TelegramErrorCodes } from './telegram-errors';

/** Why a Bot API call failed: Telegram's own answer, or the transport. */
export type TelegramFailure = {
  /** Telegram's `error_code` (usually the HTTP status); 0 when Telegram never answered. */
  errorCode: number;
  /** Telegram's `description`, e.g. "Forbidden: bot was blocked by the user", or the transport error. */
  description: string;
  /** Seconds to wait, from a 429's `parameters.retry_after`. */
  retryAfter: number | undefined;
  /** Whether the same call can succeed later: flood control, 5xx, timeouts, network errors. */
  retryable: boolean;
};

/**
 * A failed Bot API call. The message never contains the bot token.
 *
 * @example
 * try { await api.call('sendMessage', body); } catch (err) { if (err instanceof TelegramApiError && err.failure.retryAfter) wait(err.failure.retryAfter); }
 */
export class TelegramApiError extends TelegramError {
  readonly failure: TelegramFailure;
  constructor(method: string, failure: TelegramFailure, cause?: unknown) {
    super({
      code: failure.errorCode === 0 ? TelegramErrorCodes.API_UNREACHABLE : TelegramErrorCodes.API_FAILED,
      message: `Telegram ${method}: ${failure.errorCode ? `${failure.errorCode} ` : ''}${failure.description}`,
      retryable: failure.retryable,
      status: 502,
      cause,
    });
    this.name = 'TelegramApiError';
    this.failure = failure;
  }
}

const AnswerSchema = v.object({
  ok: v.boolean(),
  result: v.optional(v.unknown()),
  error_code: v.optional(v.number()),
  description: v.optional(v.string()),
  parameters: v.optional(v.object({ retry_after: v.optional(v.number()) })),
});

const FileSchema = v.object({ file_id: v.string(), file_size: v.optional(v.number()), file_path: v.optional(v.string()) });

/** A Bot API client of one bot. */
export type TelegramApi = {
  /** Calls a method with a JSON body, or a multipart body for uploads, and returns its `result`. */
  call(method: string, params: Record<string, unknown> | FormData): Promise<unknown>;
  /** getFile, then downloads the file; refuses files over `maxBytes` without downloading them. */
  downloadFile(fileId: string, maxBytes: number): Promise<Uint8Array>;
};

/** Options of {@link createTelegramApi}. */
export type TelegramApiOptions = {
  bot: Pick<TelegramBot, 'token'>;
  /** `https://api.telegram.org` or a stand-in. */
  baseUrl: string;
  timeoutMs: number;
  /** Aborts calls in flight when the plugin stops. */
  signal?: AbortSignal;
};

/**
 * Creates the Bot API client of one bot. Every URL carries the token (`/bot<token>/…`,
 * `/file/bot<token>/…`), so no URL and no transport error leaves this module unredacted.
 *
 * @example
 * const api = createTelegramApi({ bot, baseUrl: config.apiBaseUrl, timeoutMs: 10_000 });
 * const sent = await api.call('sendMessage', { chat_id: 5551234567, text: 'Hi' });
 */
export function createTelegramApi(options: TelegramApiOptions): TelegramApi {
  const { token } = options.bot;
  const redact = (text: string) => text.split(token).join('<token>');

  async function request(method: string, url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      return await fetch(url, { ...init, signal, redirect: 'error' });
    } catch (cause) {
      const description = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : `could not reach the Bot API: ${redact(transportReason(cause))}`;
      throw new TelegramApiError(method, { errorCode: 0, description, retryAfter: undefined, retryable: true });
    }
  }

  async function call(method: string, params: Record<string, unknown> | FormData): Promise<unknown> {
    const multipart = params instanceof FormData;
    const response = await request(method, `${options.baseUrl}/bot${token}/${method}`, {
      method: 'POST',
      ...(multipart ? { body: params } : { body: JSON.stringify(params), headers: { 'Content-Type': 'application/json' } }),
    });
    const text = await response.text().catch(() => '');
    const parsed = v.safeParse(AnswerSchema, safeJson(text));
    if (!parsed.success) {
      const status = response.status;
      throw new TelegramApiError(method, {
        errorCode: status,
        description: `answered ${status} without a Bot API body${text ? `: ${redact(text.trim().slice(0, 200))}` : ''}`,
        retryAfter: undefined,
        retryable: status === 429 || status >= 500,
      });
    }
    const answer = parsed.output;
    if (answer.ok) return answer.result;
    const errorCode = answer.error_code ?? response.status;
    const retryAfter = answer.parameters?.retry_after;
    throw new TelegramApiError(method, {
      errorCode,
      description: redact(answer.description ?? 'no description'),
      retryAfter,
      retryable: errorCode === 429 || errorCode >= 500,
    });
  }

  async function downloadFile(fileId: string, maxBytes: number): Promise<Uint8Array> {
    const file = v.parse(FileSchema, await call('getFile', { file_id: fileId }));
    if (file.file_size !== undefined && file.file_size > maxBytes) throw tooLarge(file.file_size, maxBytes);
    if (!file.file_path) {
      throw new TelegramApiError('getFile', { errorCode: 400, description: 'no file_path: the file cannot be downloaded', retryAfter: undefined, retryable: false });
    }
    const path = file.file_path.split('/').map(encodeURIComponent).join('/');
    const response = await request('file download', `${options.baseUrl}/file/bot${token}/${path}`, { method: 'GET' });
    if (!response.ok) {
      await response.body?.cancel();
      const status = response.status;
      throw new TelegramApiError('file download', { errorCode: status, description: `answered ${status}`, retryAfter: undefined, retryable: status === 429 || status >= 500 });
    }
    return readLimitedBody(response, maxBytes, (size) => tooLarge(size, maxBytes));
  }

  return { call, downloadFile };
}

function tooLarge(size: number | null, maxBytes: number): TelegramApiError {
  return new TelegramApiError('file download', {
    errorCode: 400,
    description: `the file is ${size === null ? 'over' : `${size} bytes,`} more than the ${maxBytes} bytes a bot may download`,
    retryAfter: undefined,
    retryable: false,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function transportReason(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${inner.message}` : inner.message;
  }
  return String(inner);
}
