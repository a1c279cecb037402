import type { DeliverInput } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** What the stand-in chat delivered to its visitors. */
export const chatDeliveries: DeliverInput[] = [];

const InboundSchema = v.object({ visitor: v.string(), id: v.string(), text: v.string(), email: v.optional(v.string()) });
const ReadSchema = v.object({ messageId: v.string() });

/**
 * A web-chat-like channel for tests (not the real channel-webchat): visitors write through
 * `POST /plugins/test-chat/messages` (an email they typed goes in as a hint and an attribute),
 * agents' replies are "shown" (recorded, state delivered), and `POST /plugins/test-chat/read`
 * reports that the visitor read one.
 *
 * @example
 * await startTestHost({ plugins: [{ definition: chatPlugin }] });
 */
export const chatPlugin = definePlugin({
  id: 'test-chat',
  version: '0.0.0',
  core: '^0.1.0',
  kind: 'channel',
  config: v.object({}),
  setup(ctx) {
    const channel = createChannelAdapter(ctx, {
      deliver: async (input) => {
        chatDeliveries.push(input);
        return { providerMessageId: `chat-${input.message.id}`, state: 'delivered' };
      },
      accounts: [{ id: 'default', label: 'Test chat', identityType: 'web_visitor', replyWindowHours: null }],
    });
    ctx.http.post('/messages', async (c) => {
      const body = v.parse(InboundSchema, await c.req.json());
      const result = await channel.recordInbound({
        thread: body.visitor,
        from: {
          identity: { type: 'web_visitor', value: body.visitor },
          name: 'Pat Visitor',
          hints: body.email ? [{ type: 'email', value: body.email }] : [],
          ...(body.email ? { attributes: { email: body.email } } : {}),
        },
        providerMessageId: body.id,
        text: body.text,
      });
      return c.json(result, 202);
    });
    ctx.http.post('/read', async (c) => {
      const body = v.parse(ReadSchema, await c.req.json());
      return c.json(await channel.updateDelivery({ messageId: body.messageId, state: 'read' }));
    });
  },
});
