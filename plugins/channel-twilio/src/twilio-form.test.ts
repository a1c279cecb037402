import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { arbitraryInboundParams } from './test-helpers/twilio-arbitraries';
import { readFixtureText } from './test-helpers/twilio-fixtures';
import { listTwilioAccounts } from './twilio-accounts';
import { encodeTwilioForm, parseTwilioForm, twilioFormRecord } from './twilio-form';
import { mapInboundMessage } from './twilio-inbound-map';
import { InboundMessageParamsSchema, StatusCallbackParamsSchema } from './twilio-inbound-schemas';
import { computeTwilioSignature } from './twilio-signature';

const accounts = new Map(listTwilioAccounts({ numbers: [{ number: '+12025550100', sms: true, whatsapp: true }] }).map((a) => [a.id, a]));
const FIXTURE_BODIES = ['inbound-sms.txt', 'inbound-mms.txt', 'inbound-whatsapp-text.txt', 'inbound-whatsapp-location.txt', 'status-sms-delivered.txt'].map(readFixtureText);

/** The whole inbound pipeline up to what the core would be asked to record. */
function pipeline(body: string) {
  const params = twilioFormRecord(parseTwilioForm(body));
  const parsed = v.safeParse(InboundMessageParamsSchema, params);
  return parsed.success ? { parsed: parsed.output, mapped: mapInboundMessage(parsed.output, accounts) } : null;
}

describe('the form parser (property-based)', () => {
  it('decodes whatever it encodes, repeats and order kept', () => {
    const pair = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
        expect(parseTwilioForm(encodeTwilioForm(pairs))).toEqual(pairs);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes, and never on a fixture with random edits', () => {
    const edited = fc.record({ base: fc.constantFrom(...FIXTURE_BODIES), at: fc.nat(), cut: fc.nat({ max: 8 }), insert: fc.string({ unit: 'binary', maxLength: 8 }) }).map(
      ({ base, at, cut, insert }) => {
        const i = at % (base.length + 1);
        return base.slice(0, i) + insert + base.slice(i + cut);
      },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), edited), (body) => {
        expect(() => pipeline(body)).not.toThrow();
        expect(() => v.safeParse(StatusCallbackParamsSchema, twilioFormRecord(parseTwilioForm(body)))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('signs the same parameters the same, in whatever order they arrive', () => {
    const pairs = parseTwilioForm(FIXTURE_BODIES[0] ?? '');
    fc.assert(
      fc.property(fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }), (shuffled) => {
        expect(computeTwilioSignature('t', 'https://x.example.com/m', shuffled)).toBe(computeTwilioSignature('t', 'https://x.example.com/m', pairs));
      }),
    );
  });
});

describe('incoming-message parameters (property-based)', () => {
  it('are either refused whole or mapped complete: media as claimed, coordinates in range, a thread and sender', () => {
    fc.assert(
      fc.property(arbitraryInboundParams(), (params) => {
        const result = pipeline(encodeTwilioForm(Object.entries(params)));
        if (!result) return;
        const { parsed, mapped } = result;
        expect(parsed.media).toHaveLength(Number(params.NumMedia ?? '0'));
        for (const item of parsed.media) expect(item.url).toMatch(/^https:\/\/\S+$/);
        if (parsed.location) {
          expect(Math.abs(parsed.location.latitude)).toBeLessThanOrEqual(90);
          expect(Math.abs(parsed.location.longitude)).toBeLessThanOrEqual(180);
        }
        if (!mapped.ok) {
          expect(mapped.reason.length).toBeGreaterThan(0);
          return;
        }
        const { value } = mapped;
        expect(accounts.get(value.account.id)).toBe(value.account);
        expect(value.thread).toBe(value.from.identity.value);
        expect(value.from.identity.value.length).toBeGreaterThan(0);
        expect(['phone', 'whatsapp', 'whatsapp_user']).toContain(value.from.identity.type);
        if (value.from.identity.type === 'phone') expect(value.account.kind).toBe('sms');
        else expect(value.account.kind).toBe('whatsapp');
        expect(typeof value.text).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
