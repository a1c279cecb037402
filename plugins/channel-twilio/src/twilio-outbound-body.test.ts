import { describe, expect, it } from 'vitest';
import { composeOutboundBody } from './twilio-outbound-body';

describe('what an agent’s message becomes on Twilio', () => {
  it('keeps plain text as it is', () => {
    expect(composeOutboundBody('sms', 'Hello', undefined)).toEqual({ body: 'Hello', persistentAction: null });
  });

  it('lists quick replies under the text, numbered, on both channels', () => {
    const content = { quickReplies: [{ title: 'Yes', payload: 'y' }, { title: 'No', payload: 'n' }] };
    expect(composeOutboundBody('whatsapp', 'Confirm?', content).body).toBe('Confirm?\n\n1. Yes\n2. No');
    expect(composeOutboundBody('sms', '', content).body).toBe('1. Yes\n2. No');
  });

  it('sends a location as a WhatsApp pin and as a map link by SMS', () => {
    const content = { location: { latitude: 38.8977, longitude: -77.0365, name: 'Store', address: '1 Main St' } };
    expect(composeOutboundBody('whatsapp', '', content)).toEqual({ body: 'Store, 1 Main St', persistentAction: 'geo:38.8977,-77.0365|Store, 1 Main St' });
    expect(composeOutboundBody('whatsapp', 'Meet here', { location: { latitude: 1, longitude: 2 } })).toEqual({ body: 'Meet here', persistentAction: 'geo:1,2' });
    expect(composeOutboundBody('sms', 'Meet here', content)).toEqual({
      body: 'Meet here\n\n📍 Store, 1 Main St https://www.google.com/maps/search/?api=1&query=38.8977,-77.0365',
      persistentAction: null,
    });
  });

  it('writes shared contact cards as lines of text', () => {
    const content = { contacts: [{ name: 'Sam', phones: ['+12025550177'], emails: ['sam@example.com'] }] };
    expect(composeOutboundBody('sms', 'Call Sam:', content).body).toBe('Call Sam:\n\n👤 Sam, +12025550177, sam@example.com');
  });
});
