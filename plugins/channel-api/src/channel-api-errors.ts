import { SwitchboardError, errorProblemResponse, type FieldProblem, type Logger } from '@switchboard/plugin-sdk';
import type { Context } from 'hono';

/**
 * The error catalog of the channel-api plugin. Every problem its HTTP API answers carries one of
 * these codes, or the code of the core error it passes on.
 *
 * @example
 * if (problem.code === ChannelApiErrorCodes.INVALID_BODY) showFieldErrors(problem.errors);
 */
export const ChannelApiErrorCodes = {
  UNAUTHENTICATED: 'SWB_ERR_CHANNEL_API_UNAUTHENTICATED',
  MALFORMED_JSON: 'SWB_ERR_CHANNEL_API_MALFORMED_JSON',
  INVALID_BODY: 'SWB_ERR_CHANNEL_API_INVALID_BODY',
  BODY_TOO_LARGE: 'SWB_ERR_CHANNEL_API_BODY_TOO_LARGE',
  ATTACHMENT_TOO_LARGE: 'SWB_ERR_CHANNEL_API_ATTACHMENT_TOO_LARGE',
  SECRET_MISSING: 'SWB_ERR_CHANNEL_API_SECRET_MISSING',
  INTERNAL: 'SWB_ERR_CHANNEL_API_INTERNAL',
} as const;
/** One of the {@link ChannelApiErrorCodes}. */
export type ChannelApiErrorCode = (typeof ChannelApiErrorCodes)[keyof typeof ChannelApiErrorCodes];

export type { FieldProblem };

/**
 * An error of the channel-api plugin: a stable code, a message naming the fix, and its HTTP status.
 *
 * @example
 * throw new ChannelApiError({ code: ChannelApiErrorCodes.MALFORMED_JSON, message: 'the body is not valid JSON', status: 400 });
 */
export class ChannelApiError extends SwitchboardError {
  constructor(options: { code: ChannelApiErrorCode; message: string; status: number; details?: FieldProblem[]; cause?: unknown }) {
    super({ ...options, retryable: false });
    this.name = 'ChannelApiError';
  }
}

/**
 * Turns whatever a route threw into a problem response. Errors of this plugin and of the core
 * (which cross the bus with their code and status) keep both, a retryable one asks for the same
 * request again; anything else is a 500 that is logged, without the request body, so no customer
 * payload reaches the logs.
 *
 * @example
 * routes.onError((err, c) => errorToProblem(err, c, logger));
 */
export function errorToProblem(err: unknown, c: Context, logger: Logger): Response {
  return errorProblemResponse(err, c, { pluginId: 'channel-api', internalCode: ChannelApiErrorCodes.INTERNAL, logger });
}
