import type { ChannelAccount, DeliverInput, Identity, MessageContent } from '@switchboard/events';
import { createChannelAdapter, definePlugin, type ChannelAdapter } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** A customer as a channel sees them: the identity the provider vouches for, and a display name. */
export type TestCustomer = { identity: string; name: string };

let counter = 0;

/**
 * A channel plugin for the inbox's end-to-end tests and demos: `write` is how a customer sends a
 * message through it (the channel's `recordInbound`, as a provider webhook would), and every
 * reply the core asks it to deliver lands in `delivered` (reported `sent`, or `delivered` when
 * asked, like a provider that confirms at once). The identity type decides who is who:
 * two channels with the same type (e.g. `phone`) see the same person as one contact.
 *
 * @example
 * const sms = createTestChannel('channel-sms', 'phone');
 * const host = await startTestHost({ plugins: [{ definition: sms.definition }], inboxDir });
 * await sms.write({ identity: '+15550100', name: 'Dana Reyes' }, 'Where is my order?');
 */
export function createTestChannel(id: string, identityType: string, options: { deliverAs?: 'sent' | 'delivered'; accounts?: ChannelAccount[] } = {}) {
  const delivered: DeliverInput[] = [];
  const deliveryWaiters = new Set<() => void>();
  let adapter: ChannelAdapter | null = null;
  const definition = definePlugin({
    id,
    version: '1.0.0',
    core: '^0.1.0',
    kind: 'channel',
    config: v.object({}),
    setup(ctx) {
      adapter = createChannelAdapter(ctx, {
        async deliver(input) {
          delivered.push(input);
          for (const w of deliveryWaiters) w();
          return { providerMessageId: `${id}-out-${input.message.id}`, state: options.deliverAs ?? 'sent' };
        },
        ...(options.accounts ? { accounts: options.accounts } : {}),
      });
    },
  });
  const channel = () => {
    if (!adapter) throw new Error(`${id} is not set up; pass its definition to startTestHost first`);
    return adapter;
  };
  return {
    id,
    definition,
    /** Every delivery the core asked for, in order (a retry of the same message shows twice). */
    delivered,
    /**
     * A customer writes. The thread defaults to the customer's identity (one chat per person, as
     * on SMS or WhatsApp); the provider message id is fresh unless given (a provider retry).
     * `content`, `verified` and `hints` pass through as the core's record_inbound takes them.
     */
    write(
      customer: TestCustomer,
      text: string,
      options: { thread?: string; providerMessageId?: string; account?: string; content?: MessageContent; verified?: Identity[]; hints?: Identity[] } = {},
    ) {
      return channel().recordInbound({
        thread: options.thread ?? customer.identity,
        ...(options.account ? { account: options.account } : {}),
        from: { identity: { type: identityType, value: customer.identity }, name: customer.name, verified: options.verified ?? [], hints: options.hints ?? [] },
        providerMessageId: options.providerMessageId ?? `${id}-in-${process.pid}-${++counter}`,
        text,
        ...(options.content ? { content: options.content } : {}),
      });
    },
    /** Resolves once a delivery matching the predicate has been asked for. */
    waitForDelivery(predicate: (input: DeliverInput) => boolean, timeoutMs = 15_000): Promise<DeliverInput> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = delivered.find(predicate);
          if (!found) return;
          deliveryWaiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          deliveryWaiters.delete(check);
          reject(new Error(`${id}: no matching delivery within ${timeoutMs} ms (delivered: ${delivered.map((d) => JSON.stringify(d.message.text)).join(', ') || 'nothing'})`));
        }, timeoutMs);
        deliveryWaiters.add(check);
        check();
      });
    },
  };
}

/** A test channel. */
export type TestChannel = ReturnType<typeof createTestChannel>;
