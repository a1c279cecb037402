import { SwitchboardError } from '@switchboard/plugin-sdk';

/**
 * The error catalog of the channel-email plugin. Every failure it raises carries one of these
 * stable codes; delivery failures (DeliveryFailure) carry the SMTP code instead.
 *
 * @example
 * if (err.code === EmailErrorCodes.MALFORMED) logger.warn({ err }, 'mail refused');
 */
export const EmailErrorCodes = {
  MALFORMED: 'SWB_ERR_EMAIL_MALFORMED',
  TOO_LARGE: 'SWB_ERR_EMAIL_TOO_LARGE',
  RECIPIENT_REFUSED: 'SWB_ERR_EMAIL_RECIPIENT_REFUSED',
  CLIENT_REFUSED: 'SWB_ERR_EMAIL_CLIENT_REFUSED',
  HEADER_INJECTION: 'SWB_ERR_EMAIL_HEADER_INJECTION',
  NO_RECIPIENT: 'SWB_ERR_EMAIL_NO_RECIPIENT',
  NO_OUTBOUND: 'SWB_ERR_EMAIL_NO_OUTBOUND',
  IMAP_FAILED: 'SWB_ERR_EMAIL_IMAP_FAILED',
  SMTP_LISTEN_FAILED: 'SWB_ERR_EMAIL_SMTP_LISTEN_FAILED',
  STORE_FAILED: 'SWB_ERR_EMAIL_STORE_FAILED',
} as const;
/** One of the {@link EmailErrorCodes}. */
export type EmailErrorCode = (typeof EmailErrorCodes)[keyof typeof EmailErrorCodes];

/**
 * An error of the channel-email plugin: a stable code and a message naming the cause and the fix.
 *
 * @example
 * throw new EmailError({ code: EmailErrorCodes.MALFORMED, message: 'channel-email: the mail has no From address' });
 */
export class EmailError extends SwitchboardError {
  constructor(options: { code: EmailErrorCode; message: string; retryable?: boolean; status?: number; cause?: unknown }) {
    super({ ...options, retryable: options.retryable ?? false, status: options.status ?? 422 });
    this.name = 'EmailError';
  }
}
