import type { Message } from '../api/api-types';

const LABEL = { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not delivered' } as const;
const GLYPH = { queued: '⏱', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' } as const;

/**
 * Delivery state of an outbound message: queued ⏱, sent ✓, delivered ✓✓, read ✓✓ (accent), failed ⚠.
 *
 * @example
 * <DeliveryTicks delivery={message.delivery} />
 */
export function DeliveryTicks({ delivery }: { delivery: Message['delivery'] }) {
  const state = delivery.state;
  const title = state === 'failed' && delivery.error ? `Not delivered: ${delivery.error.message}` : LABEL[state];
  return (
    <span className={`ticks ticks--${state}`} title={title} aria-label={LABEL[state]} role="img">
      {GLYPH[state]}
    </span>
  );
}
