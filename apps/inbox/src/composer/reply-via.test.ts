import { describe, expect, it } from 'vitest';
import type { DetailLeg, ReplyOption } from '../api/api-types';
import { leg as baseLeg } from '../testing/fixtures';
import { defaultViaKey, viaLabel, viaOptions } from './reply-via';

const detailLeg = (overrides: Partial<DetailLeg>): DetailLeg => ({ ...baseLeg(), lastInboundAt: null, replyWindowClosesAt: null, ...overrides });

describe('reply via', () => {
  const wa = detailLeg({ id: 'wa', channel: 'channel-whatsapp-cloud', account: 'pn-1', thread: '+15550100', identity: { type: 'whatsapp', value: '+15550100' }, lastInboundAt: '2025-01-01T10:00:00.000Z', replyWindowClosesAt: '2025-01-02T10:00:00.000Z' });
  const options: ReplyOption[] = [
    { kind: 'leg', legId: 'wa', channel: 'channel-whatsapp-cloud', account: 'pn-1', accountLabel: 'WhatsApp Support', thread: '+15550100', identity: { type: 'whatsapp', value: '+15550100' }, lastInboundAt: '2025-01-01T09:00:00.000Z', replyWindowClosesAt: '2025-01-02T09:00:00.000Z' },
    { kind: 'new', legId: null, channel: 'channel-twilio', account: 'main', accountLabel: 'Support line', thread: '+15550100', identity: { type: 'phone', value: '+15550100' }, lastInboundAt: null, replyWindowClosesAt: null },
  ];

  it('lists the legs as the live detail has them, then the legs that could be opened', () => {
    const list = viaOptions([wa], options);
    expect(list.map((o) => [o.key, o.label])).toEqual([
      ['leg:wa', 'WhatsApp · WhatsApp Support · +15550100'],
      ['new:channel-twilio:main:+15550100', 'Twilio · Support line · +15550100 (new)'],
    ]);
    // The live leg's window, not the fetched option's.
    expect(list[0]!.replyWindowClosesAt).toBe('2025-01-02T10:00:00.000Z');
  });

  it('drops an openable leg once the conversation runs over that thread', () => {
    const sms = detailLeg({ id: 'sms', channel: 'channel-twilio', account: 'main', thread: '+15550100', identity: { type: 'phone', value: '+15550100' } });
    expect(viaOptions([wa, sms], options).map((o) => o.key)).toEqual(['leg:wa', 'leg:sms']);
  });

  it('defaults to the leg the server would reply on', () => {
    const older = detailLeg({ id: 'old', lastInboundAt: '2024-12-01T10:00:00.000Z' });
    expect(defaultViaKey([older, wa])).toBe('leg:wa');
    expect(defaultViaKey([])).toBeNull();
  });

  it('names an account without a label by its id, and hides the default one', () => {
    expect(viaLabel({ ...options[1]!, accountLabel: null })).toBe('Twilio · main · +15550100 (new)');
    expect(viaLabel({ ...options[1]!, accountLabel: null, account: 'default' })).toBe('Twilio · +15550100 (new)');
  });
});
