import { SwitchboardError, type SwitchboardErrorOptions } from '@switchboard/plugin-sdk';

/**
 * The core's error catalog: every error the core raises has one of these codes. The HTTP layer
 * turns them into `application/problem+json` with the code as `code` and the status given here.
 */
export const CoreErrorCodes = {
  CONFIG_INVALID: 'SWB_ERR_CONFIG_INVALID',
  PLUGIN_INCOMPATIBLE: 'SWB_ERR_PLUGIN_INCOMPATIBLE',
  PLUGIN_UNKNOWN: 'SWB_ERR_PLUGIN_UNKNOWN',
  PLUGIN_START_FAILED: 'SWB_ERR_PLUGIN_START_FAILED',
  PLUGIN_NOT_READY: 'SWB_ERR_PLUGIN_NOT_READY',
  NATS_BINARY_MISSING: 'SWB_ERR_NATS_BINARY_MISSING',
  NATS_START_FAILED: 'SWB_ERR_NATS_START_FAILED',
  DATABASE_UNREACHABLE: 'SWB_ERR_DATABASE_UNREACHABLE',
  NOT_FOUND: 'SWB_ERR_NOT_FOUND',
  CONVERSATION_NOT_FOUND: 'SWB_ERR_CONVERSATION_NOT_FOUND',
  MESSAGE_NOT_FOUND: 'SWB_ERR_MESSAGE_NOT_FOUND',
  CONTACT_NOT_FOUND: 'SWB_ERR_CONTACT_NOT_FOUND',
  AGENT_NOT_FOUND: 'SWB_ERR_AGENT_NOT_FOUND',
  TEAM_NOT_FOUND: 'SWB_ERR_TEAM_NOT_FOUND',
  ATTACHMENT_NOT_FOUND: 'SWB_ERR_ATTACHMENT_NOT_FOUND',
  ATTACHMENT_TOO_LARGE: 'SWB_ERR_ATTACHMENT_TOO_LARGE',
  ATTACHMENT_TYPE_REFUSED: 'SWB_ERR_ATTACHMENT_TYPE_REFUSED',
  ATTACHMENT_SIGNATURE_INVALID: 'SWB_ERR_ATTACHMENT_SIGNATURE_INVALID',
  NO_LEG: 'SWB_ERR_NO_LEG',
  IDENTITY_INVALID: 'SWB_ERR_IDENTITY_INVALID',
  LEG_UNAVAILABLE: 'SWB_ERR_LEG_UNAVAILABLE',
  SUGGESTION_NOT_FOUND: 'SWB_ERR_SUGGESTION_NOT_FOUND',
  VALIDATION: 'SWB_ERR_VALIDATION',
  MALFORMED_JSON: 'SWB_ERR_MALFORMED_JSON',
  BODY_TOO_LARGE: 'SWB_ERR_BODY_TOO_LARGE',
  UNAUTHENTICATED: 'SWB_ERR_UNAUTHENTICATED',
  FORBIDDEN: 'SWB_ERR_FORBIDDEN',
  INVALID_CREDENTIALS: 'SWB_ERR_INVALID_CREDENTIALS',
  CONFLICT: 'SWB_ERR_CONFLICT',
  INTERNAL: 'SWB_ERR_INTERNAL',
} as const;
export type CoreErrorCode = (typeof CoreErrorCodes)[keyof typeof CoreErrorCodes];

/**
 * An error raised by the core. Same shape as the SDK's error, so it crosses the bus unchanged.
 *
 * @example
 * throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${id} does not exist`, status: 404 });
 */
export class CoreError extends SwitchboardError {
  constructor(options: SwitchboardErrorOptions & { code: CoreErrorCode }) {
    super(options);
    this.name = 'CoreError';
  }
}
