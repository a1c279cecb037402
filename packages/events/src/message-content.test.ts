import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ContactAttributesSchema, MessageContentSchema } from './message-content';
import { RecordInboundInputSchema } from './core-commands';

describe('message content', () => {
  it('accepts a location, shared contacts, a reaction, a postback and quick replies', () => {
    const content = v.parse(MessageContentSchema, {
      location: { latitude: 52.23, longitude: 21.01, name: 'Office' },
      contacts: [{ name: 'Ada', phones: ['+15550100'] }],
      reaction: { emoji: '👍' },
      postback: { payload: 'ORDER_STATUS', title: 'Where is my order?' },
      quickReplies: [{ title: 'Yes', payload: 'yes' }],
    });
    expect(content.contacts?.[0]?.emails).toEqual([]);
  });

  it('refuses a latitude off the globe and more than 13 quick replies', () => {
    expect(v.safeParse(MessageContentSchema, { location: { latitude: 91, longitude: 0 } }).success).toBe(false);
    const many = Array.from({ length: 14 }, (_, i) => ({ title: `${i}`, payload: `${i}` }));
    expect(v.safeParse(MessageContentSchema, { quickReplies: many }).success).toBe(false);
  });

  it('limits attribute names and count', () => {
    expect(v.safeParse(ContactAttributesSchema, { plan: 'pro', seats: 3, vip: true, gone: null }).success).toBe(true);
    expect(v.safeParse(ContactAttributesSchema, { '1bad': 'x' }).success).toBe(false);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i]));
    expect(v.safeParse(ContactAttributesSchema, tooMany).success).toBe(false);
  });

  it('defaults verified identities and hints of an inbound sender to none', () => {
    const input = v.parse(RecordInboundInputSchema, { channel: 'channel-x', thread: 't', from: { identity: { type: 'phone', value: '+15550100' } }, providerMessageId: 'p1' });
    expect(input.from.verified).toEqual([]);
    expect(input.from.hints).toEqual([]);
  });
});
