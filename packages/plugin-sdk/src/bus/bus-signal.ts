import type { NatsConnection } from '@nats-io/nats-core';
import { EPHEMERAL_SUBJECT_PREFIX } from '@switchboard/events';
import { SdkErrorCodes, SwitchboardError } from '../errors';
import type { Logger } from '../logger';

const encoder = new TextEncoder();

/**
 * Publishes an ephemeral signal on core NATS: no JetStream, no ack, no retry. Only subjects under
 * `switchboard.ephemeral.` are allowed, so a signal can never pass for an event or a command.
 *
 * @example
 * publishSignal(nc, 'channel-telegram', TYPING_SUBJECT, { conversationId, actor, typing: true });
 */
export function publishSignal(nc: NatsConnection, owner: string, subject: string, data: unknown): void {
  assertSignalSubject(owner, subject);
  nc.publish(subject, encoder.encode(JSON.stringify(data)));
}

/**
 * Refuses a subject outside `switchboard.ephemeral.<name>`, for sending and for listening alike.
 *
 * @example
 * assertSignalSubject('channel-webchat', 'switchboard.ephemeral.channel-webchat.>'); // fine
 */
export function assertSignalSubject(owner: string, subject: string): void {
  if (!subject.startsWith(EPHEMERAL_SUBJECT_PREFIX) || subject.length === EPHEMERAL_SUBJECT_PREFIX.length) {
    throw new SwitchboardError({
      code: SdkErrorCodes.SIGNAL_SUBJECT_INVALID,
      message: `${owner}: signals go on ${EPHEMERAL_SUBJECT_PREFIX}<name>, not ${subject}`,
    });
  }
}

/**
 * Subscribes to ephemeral signals on core NATS, without a queue group, so every process gets each
 * one. Malformed JSON is dropped and a failing handler logged: a signal is never worth a retry.
 * Returns the unsubscriber.
 *
 * @example
 * const stop = listenToSignals(nc, logger, TYPING_SUBJECT, (data) => show(data));
 */
export function listenToSignals(
  nc: NatsConnection,
  logger: Logger,
  subject: string,
  handler: (data: unknown, subject: string) => void | Promise<void>,
): () => Promise<void> {
  const sub = nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err) {
        logger.warn({ err, subject }, 'signal subscription error');
        return;
      }
      let data: unknown;
      try {
        data = msg.json();
      } catch {
        logger.debug({ subject: msg.subject }, 'ignored a signal that is not JSON');
        return;
      }
      void (async () => handler(data, msg.subject))().catch((error: unknown) => logger.warn({ err: error, subject: msg.subject }, 'signal handler failed'));
    },
  });
  return async () => {
    await sub.drain().catch(() => undefined);
  };
}
