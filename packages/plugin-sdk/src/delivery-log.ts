import type { DeliverInput, DeliverOutput } from '@switchboard/events';
import type { CommandMeta } from './bus/bus-types';
import { isSwitchboardError } from './errors';
import type { Logger } from './logger';

type Deliver = (input: DeliverInput, meta: CommandMeta) => Promise<DeliverOutput>;

/**
 * Logs the outcome of every delivery attempt of a channel the same way, whichever the channel:
 * `message sent` with the provider's id, or `send failed` with the failure's code, whether it is
 * retried and its reason — each line carrying the message id, the account, the attempt and the
 * correlation id, never the message's text. `createChannelAdapter` wraps every channel's
 * `deliver` in it.
 *
 * @example
 * ctx.bus.handle(deliverCommandName(ctx.id), deliverCommand, withDeliveryLog(deliver, ctx.logger));
 */
export function withDeliveryLog(deliver: Deliver, logger: Logger): Deliver {
  return async (input, meta) => {
    const log = logger.child({ messageId: input.message.id, account: input.leg.account, attempt: input.attempt, correlationId: meta.correlationId });
    try {
      const output = await deliver(input, meta);
      log.info({ providerMessageId: output.providerMessageId }, 'message sent');
      return output;
    } catch (err) {
      if (isSwitchboardError(err)) log.warn({ code: err.code, retryable: err.retryable, reason: err.message }, 'send failed');
      else log.warn({ err }, 'send failed');
      throw err;
    }
  };
}
