import type { ChannelAccount, DeliverInput } from '@switchboard/events';
import { createChannelAdapter, definePlugin, DeliveryFailure, type AnyPluginDefinition, type ChannelAdapter, type PluginBus } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/**
 * A channel plugin for core tests: records what it is asked to deliver, and fails on demand the
 * way a provider would (a rate limit, then success; or a permanent refusal). `declares` sets
 * another id, what the plugin declares for the inbox (reply window, composer actions) and the
 * accounts it describes (`accounts`, answered on `<id>.channel.describe.v1`).
 */
export function createEchoChannel(declares: { id?: string; accounts?: ChannelAccount[] } & Pick<AnyPluginDefinition, 'replyWindowHours' | 'ui'> = {}) {
  const { accounts, ...definitionFields } = declares;
  const delivered: DeliverInput[] = [];
  const script: Array<'ok' | 'retryable' | 'permanent'> = [];
  let adapter: ChannelAdapter | null = null;
  let bus: PluginBus | null = null;
  const definition = definePlugin({
    ...definitionFields,
    id: declares.id ?? 'echo-channel',
    version: '1.0.0',
    core: '^0.1.0',
    kind: 'channel',
    config: v.object({}),
    setup(ctx) {
      bus = ctx.bus;
      adapter = createChannelAdapter(ctx, {
        async deliver(input) {
          const next = script.shift() ?? 'ok';
          delivered.push(input);
          if (next === 'retryable') throw new DeliveryFailure({ code: 'provider_429', message: 'slow down', retryable: true });
          if (next === 'permanent') throw new DeliveryFailure({ code: 'invalid_recipient', message: 'recipient does not exist', retryable: false });
          return { providerMessageId: `echo-${input.message.id}` };
        },
        ...(accounts ? { accounts } : {}),
      });
    },
  });
  return {
    definition,
    delivered,
    /** Outcomes of the next deliveries, in order; afterwards every delivery succeeds. */
    script,
    channel: () => {
      if (!adapter) throw new Error('echo-channel is not set up');
      return adapter;
    },
    /** The channel's own bus client, for commands a channel sends itself. */
    bus: () => {
      if (!bus) throw new Error('echo-channel is not set up');
      return bus;
    },
  };
}
