import { deliverCommand, deliverCommandName, type CloudEvent, type CoreEventData } from '@switchboard/events';
import { isSwitchboardError, type EventDelivery, type Logger, type PluginAttachments, type PluginBus } from '@switchboard/plugin-sdk';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { legs, messages } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { toLeg, toMessage } from '../store/row-mappers';
import { updateDelivery } from '../store/update-delivery';

/** Options of {@link createOutboundDispatcher}. */
export type OutboundDispatcherOptions = {
  bus: PluginBus;
  db: Database;
  queue: WriteQueue;
  attachments: Pick<PluginAttachments, 'signedUrl'>;
  logger: Logger;
  maxAttempts: number;
  backoffMs: number[];
};

/**
 * The one path every outbound message takes (private notes never do): on
 * `core.message.sent.v1` — and on an agent's retry, `core.message.delivery_updated.v1` with state
 * `queued` — the core asks the leg's channel plugin to deliver
 * (`<channel>.message.deliver.v1`), records the provider's id as `sent`, and on failure either
 * retries with backoff (rate limits, 5xx, no channel worker running) or marks the message failed
 * with the provider's reason. After the last attempt the message is failed and the event
 * dead-lettered, so it can be inspected and replayed.
 *
 * @example
 * createOutboundDispatcher({ bus: coreBus, db, queue, attachments, logger, maxAttempts: 6, backoffMs: [1000, 5000] });
 */
export function createOutboundDispatcher(options: OutboundDispatcherOptions): void {
  const { bus, db, queue, logger } = options;

  // Idempotent on the message's state: only a `queued` message is sent, so a redelivered event
  // (a crash between send and ack) or a stale retry event sends nothing twice.
  async function deliverQueued(messageId: string, event: CloudEvent, delivery: EventDelivery): Promise<void> {
    const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
    if (!row || row.private || row.deliveryState !== 'queued' || !row.legId) return;
    const [legRow] = await db.select().from(legs).where(eq(legs.id, row.legId));
    if (!legRow) return;
    const message = toMessage(row);
    const context = { correlationId: event.correlationid, causationId: event.id };
    const attachments = await Promise.all(message.attachments.map(async (a) => ({ ...a, url: await options.attachments.signedUrl(a.id, 3600) })));
    try {
      const result = await bus.request(
        deliverCommandName(legRow.channel),
        deliverCommand,
        { message, leg: toLeg(legRow), attachments, attempt: delivery.attempt },
        { timeoutMs: 30_000, causationId: event.id, ...(event.correlationid ? { correlationId: event.correlationid } : {}) },
      );
      await queue.write((tx) =>
        updateDelivery(tx, { channel: legRow.channel, messageId: row.id, state: result.state, providerMessageId: result.providerMessageId ?? undefined }, context),
      );
    } catch (err) {
      const retryable = !isSwitchboardError(err) || err.retryable;
      const last = delivery.attempt >= options.maxAttempts;
      if (retryable && !last) throw err;
      const reason = {
        code: isSwitchboardError(err) ? err.code : 'delivery_error',
        message: err instanceof Error ? err.message : String(err),
        retryable,
      };
      logger.warn({ messageId: row.id, eventId: event.id, attempt: delivery.attempt, reason }, 'outbound message failed');
      await queue.write((tx) => updateDelivery(tx, { channel: legRow.channel, messageId: row.id, state: 'failed', error: reason }, context));
      // Retryable errors that ran out of attempts go to the dead-letter subject for replay.
      if (retryable) throw err;
    }
  }

  const retries = { maxAttempts: options.maxAttempts, backoffMs: options.backoffMs, concurrency: 16 };
  bus.subscribe('deliver', {
    ...retries,
    types: ['core.message.sent.v1'],
    from: 'all',
    handler: (event, delivery) => deliverQueued((event.data as CoreEventData<'core.message.sent.v1'>).message.id, event, delivery),
  });
  // An agent's retry puts a failed message back to `queued`. Its own durable with a single type,
  // so the server filters it (nats-server 2.9 filters one subject per consumer) and the
  // long-lived `core__deliver` consumer keeps its configuration.
  bus.subscribe('redeliver', {
    ...retries,
    types: ['core.message.delivery_updated.v1'],
    handler: async (event, delivery) => {
      const data = event.data as CoreEventData<'core.message.delivery_updated.v1'>;
      if (data.state !== 'queued') return;
      await deliverQueued(data.messageId, event, delivery);
    },
  });
}
