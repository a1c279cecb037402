import * as v from 'valibot';
import {
  TYPING_SUBJECT,
  TypingSignalSchema,
  coreCommands,
  deliverCommand,
  deliverCommandName,
  describeChannelCommand,
  describeChannelCommandName,
  type ChannelAccount,
  type CoreCommandInput,
  type CoreCommandOutput,
  type DeliverInput,
  type DeliverOutput,
} from '@switchboard/events';
import type { CommandMeta } from './bus/bus-types';
import type { PluginContext } from './context';
import { withDeliveryLog } from './delivery-log';

/** What a channel implements: sending one outbound message through its provider. */
export type ChannelAdapterOptions = {
  /**
   * Sends a message. Return the provider's message id; throw `DeliveryFailure` with
   * `retryable` set for a provider error. The core retries with backoff, then dead-letters.
   */
  deliver(input: DeliverInput, meta: CommandMeta): Promise<DeliverOutput>;
  /**
   * The channel's accounts (phone numbers, bots, pages), each with the identity type it writes to
   * and its reply window. The core asks for them (`<plugin-id>.channel.describe.v1`) to warn agents
   * when a window has closed and to open a conversation on this channel for a contact who has a
   * matching identity — then the new leg's thread is the identity's value. Defaults to one account
   * `default` that cannot start conversations.
   */
  accounts?: ChannelAccount[];
};

/** What the helper gives a channel: the core commands a channel sends, with its id filled in. */
export type ChannelAdapter = {
  recordInbound(
    input: Omit<CoreCommandInput<'core.message.record_inbound.v1'>, 'channel'>,
    options?: { correlationId?: string },
  ): Promise<CoreCommandOutput<'core.message.record_inbound.v1'>>;
  updateDelivery(
    input: Omit<CoreCommandInput<'core.message.update_delivery.v1'>, 'channel'>,
    options?: { correlationId?: string },
  ): Promise<CoreCommandOutput<'core.message.update_delivery.v1'>>;
  /**
   * Tells the agents looking at a conversation that the customer is typing (or stopped). An
   * ephemeral signal: not stored, not retried. The ids are those `recordInbound` returned for the
   * thread; before the customer's first message there is no conversation to show it in.
   */
  publishTyping(input: { conversationId: string; contactId: string; name?: string | null; typing: boolean }): void;
};

/**
 * Turns a plugin into a channel: serves `<plugin-id>.message.deliver.v1` with `deliver` (logging
 * every attempt's outcome, see {@link withDeliveryLog}), and gives
 * `recordInbound` / `updateDelivery` that call the core with the channel's id. Call it in `setup`.
 *
 * @example
 * setup(ctx) {
 *   const channel = createChannelAdapter(ctx, {
 *     deliver: async ({ message, leg }) => ({ providerMessageId: await provider.send(leg.thread, message.text) }),
 *     accounts: [{ id: 'bot', label: 'Telegram @acme_bot', identityType: 'telegram_chat', replyWindowHours: null }],
 *   });
 *   ctx.http.post('/webhook', async (c) => {
 *     const body = await c.req.json();
 *     await channel.recordInbound({ thread: body.chatId, from: { identity: { type: 'telegram_chat', value: body.chatId } }, providerMessageId: body.id, text: body.text });
 *     return c.body(null, 200);
 *   });
 * }
 */
export function createChannelAdapter(ctx: PluginContext<unknown>, options: ChannelAdapterOptions): ChannelAdapter {
  ctx.bus.handle(deliverCommandName(ctx.id), deliverCommand, withDeliveryLog(options.deliver, ctx.logger));
  const accounts = options.accounts ?? [{ id: 'default', label: ctx.id, identityType: null, replyWindowHours: null }];
  ctx.bus.handle(describeChannelCommandName(ctx.id), describeChannelCommand, async () => ({ accounts }));
  return {
    recordInbound(input, requestOptions) {
      return ctx.bus.request('core.message.record_inbound.v1', coreCommands['core.message.record_inbound.v1'], { ...input, channel: ctx.id }, requestOptions);
    },
    updateDelivery(input, requestOptions) {
      return ctx.bus.request('core.message.update_delivery.v1', coreCommands['core.message.update_delivery.v1'], { ...input, channel: ctx.id }, requestOptions);
    },
    publishTyping(input) {
      const signal = v.parse(TypingSignalSchema, {
        conversationId: input.conversationId,
        actor: { kind: 'contact', id: input.contactId, name: input.name ?? null },
        typing: input.typing,
      });
      ctx.bus.signal(TYPING_SUBJECT, signal);
    },
  };
}
