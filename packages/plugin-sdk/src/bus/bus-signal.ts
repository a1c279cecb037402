import type { NatsConnection } from '@nats-io/nats-core';
import { EPHEMERAL_SUBJECT_PREFIX } from '@switchboard/events';
import { SdkErrorCodes, SwitchboardError } from '../errors';

const encoder = new TextEncoder();

/**
 * Publishes an ephemeral signal on core NATS: no JetStream, no ack, no retry. Only subjects under
 * `switchboard.ephemeral.` are allowed, so a signal can never pass for an event or a command.
 *
 * @example
 * publishSignal(nc, 'channel-telegram', TYPING_SUBJECT, { conversationId, actor, typing: true });
 */
export function publishSignal(nc: NatsConnection, owner: string, subject: string, data: unknown): void {
  if (!subject.startsWith(EPHEMERAL_SUBJECT_PREFIX) || subject.length === EPHEMERAL_SUBJECT_PREFIX.length) {
    throw new SwitchboardError({
      code: SdkErrorCodes.SIGNAL_SUBJECT_INVALID,
      message: `${owner}: signals go on ${EPHEMERAL_SUBJECT_PREFIX}<name>, not ${subject}`,
    });
  }
  nc.publish(subject, encoder.encode(JSON.stringify(data)));
}
