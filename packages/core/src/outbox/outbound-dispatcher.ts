import { deliverCommand, deliverCommandName, type CoreEventData } from '@switchboard/events';
import { isSwitchboardError, type Logger, type PluginAttachments, type PluginBus } from '@switchboard/plugin-sdk';
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
 * `core.message.sent.v1` the core asks the leg's channel plugin to deliver
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
  bus.subscribe('deliver', {
    types: ['core.message.sent.v1'],
    maxAttempts: options.maxAttempts,
    backoffMs: options.backoffMs,
    from: 'all',
    concurrency: 16,
    handler: async (event, delivery) => {
      const data = event.data as CoreEventData<'core.message.sent.v1'>;
      const [row] = await db.select().from(messages).where(eq(messages.id, data.message.id));
      // Already handled (a redelivery after a crash between send and ack): nothing to do.
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
    },
  });
}
