import { SwitchboardError } from '@switchboard/plugin-sdk';

/**
 * The error catalog of the Messenger channel. Webhook refusals answer with one of these codes
 * as `application/problem+json`; boot problems throw them.
 *
 * @example
 * if (problem.code === MessengerErrorCodes.SIGNATURE_INVALID) checkTheAppSecret();
 */
export const MessengerErrorCodes = {
  SECRET_MISSING: 'SWB_ERR_MESSENGER_SECRET_MISSING',
  PAGE_TOKEN_MISSING: 'SWB_ERR_MESSENGER_PAGE_TOKEN_MISSING',
  SIGNATURE_MISSING: 'SWB_ERR_MESSENGER_SIGNATURE_MISSING',
  SIGNATURE_INVALID: 'SWB_ERR_MESSENGER_SIGNATURE_INVALID',
  VERIFY_TOKEN_MISMATCH: 'SWB_ERR_MESSENGER_VERIFY_TOKEN_MISMATCH',
  BODY_TOO_LARGE: 'SWB_ERR_MESSENGER_BODY_TOO_LARGE',
  UNAVAILABLE: 'SWB_ERR_MESSENGER_UNAVAILABLE',
} as const;
/** One of the {@link MessengerErrorCodes}. */
export type MessengerErrorCode = (typeof MessengerErrorCodes)[keyof typeof MessengerErrorCodes];

/**
 * An error of the Messenger channel with a stable code and a message that names the fix.
 *
 * @example
 * throw new MessengerError({ code: MessengerErrorCodes.SECRET_MISSING, message: 'set pageAccessTokens' });
 */
export class MessengerError extends SwitchboardError {
  constructor(options: { code: MessengerErrorCode; message: string; status?: number; cause?: unknown }) {
    super({ ...options, retryable: false, status: options.status ?? 500 });
    this.name = 'MessengerError';
  }
}
