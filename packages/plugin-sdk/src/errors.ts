/**
 * Stable error codes the SDK raises. Each names what went wrong in a way an operator can search for.
 */
export const SdkErrorCodes = {
  COMMAND_INVALID: 'SWB_ERR_COMMAND_INVALID',
  COMMAND_FAILED: 'SWB_ERR_COMMAND_FAILED',
  COMMAND_TIMEOUT: 'SWB_ERR_COMMAND_TIMEOUT',
  NO_RESPONDERS: 'SWB_ERR_NO_RESPONDERS',
  EVENT_NOT_OWNED: 'SWB_ERR_EVENT_NOT_OWNED',
  EVENT_INVALID: 'SWB_ERR_EVENT_INVALID',
  REGISTRATION_CLOSED: 'SWB_ERR_REGISTRATION_CLOSED',
  STORAGE_TABLE_FORBIDDEN: 'SWB_ERR_STORAGE_TABLE_FORBIDDEN',
  DELIVERY_FAILED: 'SWB_ERR_DELIVERY_FAILED',
  SIGNAL_SUBJECT_INVALID: 'SWB_ERR_SIGNAL_SUBJECT_INVALID',
} as const;

/** Options of a {@link SwitchboardError}. */
export type SwitchboardErrorOptions = {
  code: string;
  message: string;
  /** Whether trying the same thing again later can succeed. */
  retryable?: boolean;
  /** HTTP status when the error reaches HTTP. */
  status?: number;
  details?: unknown;
  cause?: unknown;
};

/**
 * The one error type plugins and the core throw: a stable code, a message that names the actor
 * and the fix, whether a retry can help, and the HTTP status where it can reach HTTP.
 *
 * @example
 * throw new SwitchboardError({ code: 'SWB_ERR_CHANNEL_API_URL', message: 'channel-api: outbound.url is not reachable', retryable: true });
 */
export class SwitchboardError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly status: number;
  readonly details: unknown;

  constructor(options: SwitchboardErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}

/**
 * Thrown by a channel's `deliver` when the provider refused or failed a send. `retryable` decides
 * between another attempt with backoff (rate limits, 5xx, timeouts) and failing the message at once
 * with the provider's reason shown to the agent (invalid recipient, outside the reply window).
 *
 * @example
 * throw new DeliveryFailure({ code: 'provider_429', message: 'Too many requests', retryable: true });
 */
export class DeliveryFailure extends SwitchboardError {
  constructor(options: { code: string; message: string; retryable: boolean; cause?: unknown }) {
    super({ ...options, status: 502 });
    this.name = 'DeliveryFailure';
  }
}

/**
 * Whether a value looks like a {@link SwitchboardError} (also across package copies).
 *
 * @example
 * if (isSwitchboardError(err) && err.retryable) retryLater();
 */
export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return (
    value instanceof SwitchboardError ||
    (value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { retryable?: unknown }).retryable === 'boolean')
  );
}
