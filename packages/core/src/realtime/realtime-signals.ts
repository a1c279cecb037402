import type { NatsConnection } from '@nats-io/nats-core';
import { EPHEMERAL_SUBJECT_PREFIX, TYPING_SUBJECT, TypingSignalSchema } from '@switchboard/events';
import type { Logger } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** An ephemeral frame for agents' sockets and who caused it (they do not get their own back). */
export type EphemeralFrame = { frame: string; sender: { kind: string; id: string } };

/**
 * Listens to ephemeral signals on core NATS (`switchboard.ephemeral.>`) — published by any server
 * process or channel plugin — and turns each valid one into a realtime frame. Unlike events these
 * carry no sequence number: a client that was away simply missed them. Returns the unsubscriber.
 *
 * @example
 * const stop = subscribeEphemeralSignals(nc, logger, ({ frame, sender }) => fanOut(frame, sender));
 */
export function subscribeEphemeralSignals(nc: NatsConnection, logger: Logger, deliver: (out: EphemeralFrame) => void): () => Promise<void> {
  const sub = nc.subscribe(`${EPHEMERAL_SUBJECT_PREFIX}>`, {
    callback: (err, msg) => {
      if (err) {
        logger.warn({ err }, 'ephemeral signal subscription error');
        return;
      }
      if (msg.subject !== TYPING_SUBJECT) return;
      let data: unknown;
      try {
        data = msg.json();
      } catch {
        data = null;
      }
      const parsed = v.safeParse(TypingSignalSchema, data);
      if (!parsed.success) {
        logger.debug({ subject: msg.subject }, 'ignored a malformed typing signal');
        return;
      }
      const { conversationId, actor, typing } = parsed.output;
      deliver({ frame: JSON.stringify({ type: 'typing', conversationId, actor, typing }), sender: { kind: actor.kind, id: actor.id } });
    },
  });
  return async () => {
    await sub.drain().catch(() => undefined);
  };
}
