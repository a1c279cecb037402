import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readFixtureText } from './test-helpers/twilio-fixtures';
import { listTwilioAccounts } from './twilio-accounts';
import { parseTwilioAddress, toE164 } from './twilio-address';
import { parseTwilioForm, twilioFormRecord } from './twilio-form';
import { mapInboundMessage, optOutKeyword } from './twilio-inbound-map';
import { InboundMessageParamsSchema, StatusCallbackParamsSchema } from './twilio-inbound-schemas';

const accounts = new Map(
  listTwilioAccounts({ numbers: [{ number: '+12025550100', sms: true, whatsapp: true }] }).map((a) => [a.id, a]),
);
const paramsOf = (file: string) => v.parse(InboundMessageParamsSchema, twilioFormRecord(parseTwilioForm(readFixtureText(file))));
const mapped = (file: string) => {
  const result = mapInboundMessage(paramsOf(file), accounts);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe('addresses', () => {
  it('normalises phone numbers to E.164 and reads WhatsApp addresses, BSUIDs included', () => {
    expect(toE164('+1 (202) 555-0143')).toBe('+12025550143');
    expect(toE164('2025550143')).toBeNull();
    expect(toE164('+1')).toBeNull();
    expect(parseTwilioAddress('+12025550143')).toEqual({ kind: 'sms', phone: '+12025550143' });
    expect(parseTwilioAddress('whatsapp:+12025550143')).toEqual({ kind: 'whatsapp', phone: '+12025550143', id: '+12025550143' });
    expect(parseTwilioAddress('whatsapp:US.13491208655302741918')).toEqual({ kind: 'whatsapp', phone: null, id: 'US.13491208655302741918' });
    expect(parseTwilioAddress('messenger:1234')).toBeNull();
    expect(parseTwilioAddress('TWILIO')).toBeNull();
  });
});

describe('incoming messages of the fixtures', () => {
  it('maps an SMS to a phone identity on the SMS account, thread = the number', () => {
    expect(mapped('inbound-sms.txt')).toEqual({
      account: expect.objectContaining({ id: 'sms:+12025550100' }),
      thread: '+12025550143',
      from: { identity: { type: 'phone', value: '+12025550143' }, name: null, verified: [] },
      phone: '+12025550143',
      text: "Hi, my order #1042 hasn't arrived yet & the tracking link 404s",
      content: undefined,
      replyToProviderMessageId: undefined,
      media: [],
      optOut: null,
    });
  });

  it('lists MMS media with their content types', () => {
    expect(mapped('inbound-mms.txt').media).toEqual([
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC0a1b2c3d4e5f60718293a4b5c6d7e8f9/Messages/MM8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f/Media/ME9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a',
        contentType: 'image/jpeg',
      },
    ]);
  });

  it('maps a WhatsApp sender to a whatsapp identity with the verified phone and profile name', () => {
    const wa = mapped('inbound-whatsapp-text.txt');
    expect(wa.account.id).toBe('whatsapp:+12025550100');
    expect(wa.thread).toBe('+12025550143');
    expect(wa.from).toEqual({ identity: { type: 'whatsapp', value: '+12025550143' }, name: 'Dana Example', verified: [{ type: 'phone', value: '+12025550143' }] });
    expect(wa.optOut).toBeNull();
  });

  it('maps a WhatsApp location with its label and address', () => {
    const location = mapped('inbound-whatsapp-location.txt');
    expect(location.content).toEqual({ location: { latitude: 38.8977, longitude: -77.0365, name: 'Pickup point', address: '1600 Pennsylvania Ave NW, Washington, DC' } });
    expect(location.text).toBe('Pickup point, 1600 Pennsylvania Ave NW, Washington, DC');
  });

  it('maps a user known only by a BSUID to a whatsapp_user identity without a verified phone', () => {
    const params = { ...paramsOf('inbound-whatsapp-text.txt'), From: 'whatsapp:US.13491208655302741918', WaId: undefined };
    const result = mapInboundMessage(params, accounts);
    expect(result.ok && result.value.from).toEqual({ identity: { type: 'whatsapp_user', value: 'US.13491208655302741918' }, name: 'Dana Example', verified: [] });
    expect(result.ok && result.value.thread).toBe('US.13491208655302741918');
  });

  it('refuses numbers it does not serve and senders of the wrong kind, saying why', () => {
    expect(mapInboundMessage({ ...paramsOf('inbound-sms.txt'), To: '+12025550199' }, accounts)).toEqual({ ok: false, reason: 'sms:+12025550199 is not configured: add +12025550199 to numbers with sms: true' });
    expect(mapInboundMessage({ ...paramsOf('inbound-whatsapp-text.txt'), From: '+12025550143' }, accounts)).toMatchObject({ ok: false });
    const smsOnly = new Map([...accounts].filter(([id]) => id.startsWith('sms:')));
    expect(mapInboundMessage(paramsOf('inbound-whatsapp-text.txt'), smsOnly)).toMatchObject({ ok: false, reason: expect.stringContaining('whatsapp: true') });
  });
});

describe('opt-out keywords', () => {
  it.each([
    ['STOP', 'stop'],
    [' stopall ', 'stop'],
    ['Unsubscribe', 'stop'],
    ['cancel', 'stop'],
    ['END', 'stop'],
    ['quit', 'stop'],
    ['START', 'start'],
    ['yes', 'start'],
    ['UNSTOP', 'start'],
    ['stop please', null],
    ['HELP', null],
  ])('%j means %s', (body, expected) => {
    expect(optOutKeyword({ Body: body, OptOutType: undefined })).toBe(expected);
  });

  it('follows Advanced Opt-Out’s OptOutType over the keyword list', () => {
    expect(optOutKeyword({ Body: 'ARRET', OptOutType: 'STOP' })).toBe('stop');
    expect(optOutKeyword({ Body: 'STOP', OptOutType: 'HELP' })).toBeNull();
  });
});

describe('status callbacks of the fixtures', () => {
  it.each(['status-sms-delivered', 'status-sms-undelivered-30007', 'status-whatsapp-read', 'status-whatsapp-failed-63016'])('parses %s', (name) => {
    const status = v.parse(StatusCallbackParamsSchema, twilioFormRecord(parseTwilioForm(readFixtureText(`${name}.txt`))));
    expect(status.MessageSid).toMatch(/^SM/);
    expect(name).toContain(status.MessageStatus);
  });
});
