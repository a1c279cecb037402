import fc from 'fast-check';
import { fixtureParams } from './twilio-webhooks';

/** The fixtures a generated webhook starts from. */
const BASES = ['inbound-sms', 'inbound-mms', 'inbound-whatsapp-text', 'inbound-whatsapp-location'] as const;

/** Names Twilio sends, and a few it might add: what a mutation may touch. */
const NAMES = [
  'MessageSid',
  'AccountSid',
  'From',
  'To',
  'Body',
  'NumMedia',
  'MediaUrl0',
  'MediaContentType0',
  'MediaUrl1',
  'WaId',
  'ProfileName',
  'MessageType',
  'Latitude',
  'Longitude',
  'Address',
  'Label',
  'ButtonText',
  'ButtonPayload',
  'OriginalRepliedMessageSid',
  'OptOutType',
  'MessagingServiceSid',
  'SomethingNew',
] as const;

/** Values that sit on the edges of what the parser accepts. */
const EDGY = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '1', '2', '10', '11', '-1', '99', '1e3', 'NaN', '90.0', '-180', '180.0001', '38.8977', 'whatsapp:', 'whatsapp:+', '+', '+1', 'https://', 'http://x', '%', 'STOP'),
  fc.constantFrom('whatsapp:+12025550143', '+12025550143', 'whatsapp:+12025550100', '+12025550100', 'whatsapp:US.1234', 'messenger:42'),
  fc.constantFrom('SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b', 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'https://api.twilio.com/2010-04-01/Accounts/AC0a/Messages/MM1/Media/ME1'),
);

/**
 * Incoming-message parameters: a fixture's, with some names dropped, some set to edge values and
 * some unknown ones added. Most are malformed; some stay valid.
 *
 * @example
 * fc.assert(fc.property(arbitraryInboundParams(), (params) => { ... }));
 */
export function arbitraryInboundParams(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      base: fc.constantFrom(...BASES),
      drop: fc.subarray([...NAMES]),
      set: fc.dictionary(fc.constantFrom(...NAMES), EDGY, { maxKeys: 4 }),
      extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    })
    .map(({ base, drop, set, extra }) => {
      const params: Record<string, string> = { ...extra, ...fixtureParams(base) };
      for (const name of drop) delete params[name];
      return { ...params, ...set };
    });
}
