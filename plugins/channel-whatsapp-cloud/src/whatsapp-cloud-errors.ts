import { SwitchboardError } from '@switchboard/plugin-sdk';

/**
 * The error catalog of the WhatsApp Cloud channel. Webhook refusals answer with one of these codes
 * as `application/problem+json`; boot problems throw them.
 *
 * @example
 * if (problem.code === WhatsAppCloudErrorCodes.SIGNATURE_INVALID) checkTheAppSecret();
 */
export const WhatsAppCloudErrorCodes = {
  SECRET_MISSING: 'SWB_ERR_WHATSAPP_CLOUD_SECRET_MISSING',
  SIGNATURE_MISSING: 'SWB_ERR_WHATSAPP_CLOUD_SIGNATURE_MISSING',
  SIGNATURE_INVALID: 'SWB_ERR_WHATSAPP_CLOUD_SIGNATURE_INVALID',
  VERIFY_TOKEN_MISMATCH: 'SWB_ERR_WHATSAPP_CLOUD_VERIFY_TOKEN_MISMATCH',
  BODY_TOO_LARGE: 'SWB_ERR_WHATSAPP_CLOUD_BODY_TOO_LARGE',
  UNAVAILABLE: 'SWB_ERR_WHATSAPP_CLOUD_UNAVAILABLE',
} as const;
/** One of the {@link WhatsAppCloudErrorCodes}. */
export type WhatsAppCloudErrorCode = (typeof WhatsAppCloudErrorCodes)[keyof typeof WhatsAppCloudErrorCodes];

/**
 * An error of the WhatsApp Cloud channel with a stable code and a message that names the fix.
 *
 * @example
 * throw new WhatsAppCloudError({ code: WhatsAppCloudErrorCodes.SECRET_MISSING, message: 'set appSecret' });
 */
export class WhatsAppCloudError extends SwitchboardError {
  constructor(options: { code: WhatsAppCloudErrorCode; message: string; status?: number; cause?: unknown }) {
    super({ ...options, retryable: false, status: options.status ?? 500 });
    this.name = 'WhatsAppCloudError';
  }
}
