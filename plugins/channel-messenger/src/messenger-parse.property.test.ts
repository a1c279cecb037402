import { RecordInboundInputSchema } from '@switchboard/events';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseMessengerWebhook } from './messenger-parse';

const junk = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 600 }), fc.double(), fc.constant(undefined));
// Mostly the right type, so whole events often pass and their limits get tested too.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: junk });
const numericId = fc.stringMatching(/^\d{1,20}$/);
const ACCOUNT = '109876543210987';

/** Events close to Meta's shape: who and when, then one kind of event, each field sometimes anything at all. */
const base = fc.record({
  sender: maybe(fc.record({ id: maybe(numericId) })),
  recipient: maybe(fc.record({ id: maybe(fc.constantFrom(ACCOUNT, '42')) })),
  timestamp: maybe(fc.nat()),
});
const attachment = fc.record({
  type: maybe(fc.constantFrom('image', 'video', 'file', 'fallback', 'location', 'story_mention', 'template')),
  payload: maybe(fc.record({ url: maybe(fc.webUrl()), coordinates: maybe(fc.record({ lat: fc.double(), long: fc.double({ min: -200, max: 200 }) })) }, { requiredKeys: [] })),
});
const message = fc.record(
  {
    mid: maybe(fc.string({ minLength: 1, maxLength: 500 })),
    text: maybe(fc.oneof(fc.string(), fc.constant('x'.repeat(65_537)))),
    is_echo: maybe(fc.boolean()),
    quick_reply: maybe(fc.record({ payload: maybe(fc.oneof(fc.string(), fc.constant('p'.repeat(1001)))) })),
    reply_to: maybe(fc.record({ mid: maybe(fc.string()) })),
    attachments: maybe(fc.array(attachment, { maxLength: 3 })),
  },
  { requiredKeys: ['mid'] },
);
const kind = fc.oneof(
  fc.record({ message: maybe(message) }),
  fc.record({ postback: maybe(fc.record({ title: maybe(fc.string({ maxLength: 400 })), payload: maybe(fc.string()), mid: maybe(fc.string()) }, { requiredKeys: ['payload'] })) }),
  fc.record({ reaction: maybe(fc.record({ mid: maybe(fc.string()), action: maybe(fc.constantFrom('react', 'unreact')), emoji: maybe(fc.string({ maxLength: 40 })) }, { requiredKeys: ['mid'] })) }),
  fc.record({ delivery: maybe(fc.record({ mids: maybe(fc.array(fc.string())), watermark: maybe(fc.nat()) }, { requiredKeys: [] })) }),
  fc.record({ read: maybe(fc.record({ watermark: maybe(fc.nat()), mid: maybe(fc.string()) }, { requiredKeys: [] })) }),
);
const event = fc.tuple(base, kind).map(([who, what]) => ({ ...who, ...what }));

const webhook = fc.record({
  object: maybe(fc.constantFrom('page', 'instagram')),
  entry: maybe(fc.array(fc.record({ id: maybe(fc.constant(ACCOUNT)), time: fc.nat(), messaging: maybe(fc.array(event, { maxLength: 4 })) }), { maxLength: 3 })),
});

describe('parseMessengerWebhook under malformed input (fast-check)', () => {
  it('never throws, and returns only whole items the core accepts', () => {
    fc.assert(
      fc.property(webhook, (payload) => {
        const { items } = parseMessengerWebhook(JSON.stringify(payload));
        for (const item of items) {
          if (item.kind === 'inbound') {
            expect(v.safeParse(RecordInboundInputSchema, { ...item.record, channel: 'channel-messenger', attachmentIds: [] }).success).toBe(true);
            expect(item.record.thread).toBe(`${item.account}:${item.psid}`);
            for (const file of item.files) expect(file.url).toMatch(/^https?:\/\//);
          } else if (item.kind === 'receipt') {
            expect(item.thread.startsWith(`${item.account}:`)).toBe(true);
            expect(item.mids.length > 0 || item.watermark !== null).toBe(true);
          } else expect(item.mid.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseMessengerWebhook(text)), { numRuns: 300 });
  });
});
