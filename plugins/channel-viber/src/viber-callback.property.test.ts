import { RecordInboundInputSchema } from '@switchboard/events';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { rawFixture } from './test-helpers/fixtures';
import { ViberCallbackSchema, callbackKey } from './viber-callback-schemas';
import { parseViberJson } from './viber-json';
import { mapViberMessage } from './viber-message-map';

const RAW = ['inbound-text.raw', 'inbound-picture.raw', 'inbound-file.raw', 'inbound-location.raw', 'inbound-contact.raw', 'conversation-started.raw', 'subscribed.raw', 'unsubscribed.raw', 'delivered.raw', 'seen.raw', 'failed.raw'].map(rawFixture);

/**
 * What the webhook and its handler do with a body: parse losslessly, validate, map. Whatever
 * comes in, the outcome is "not a callback", a callback that records nothing, or a message the
 * core accepts as a whole.
 */
function process(text: string): 'invalid' | 'other' | 'message' {
  let raw: unknown;
  try {
    raw = parseViberJson(text);
  } catch {
    return 'invalid';
  }
  const parsed = v.safeParse(ViberCallbackSchema, raw);
  if (!parsed.success) return 'invalid';
  expect(callbackKey(parsed.output).length).toBeGreaterThan(0);
  if (parsed.output.event !== 'message') return 'other';
  const { media: _media, quickReplyTitle: _title, ...record } = mapViberMessage(parsed.output, raw);
  const accepted = v.safeParse(RecordInboundInputSchema, { ...record, channel: 'channel-viber', account: 'support', attachmentIds: [] });
  if (!accepted.success) throw new Error(`mapped a message the core refuses: ${accepted.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('; ')}`);
  return 'message';
}

/** A fixture callback with one value somewhere inside replaced by anything JSON can hold. */
const mutated = fc.tuple(fc.constantFrom(...RAW), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.jsonValue()).map(([text, path, replacement]) => {
  const copy = JSON.parse(text) as Record<string, unknown>;
  let node: unknown = copy;
  for (const [depth, pick] of path.entries()) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length] as string;
    if (depth === path.length - 1) (node as Record<string, unknown>)[key] = replacement;
    else node = (node as Record<string, unknown>)[key];
  }
  return JSON.stringify(copy);
});

describe('the Viber callback parser, fuzzed', () => {
  it('never throws on arbitrary text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.jsonValue().map((value) => JSON.stringify(value))), (text) => {
        expect(['invalid', 'other', 'message']).toContain(process(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on fixtures with any field replaced, and maps the survivors whole', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        expect(['invalid', 'other', 'message']).toContain(process(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps every 64-bit message token exactly, as the string of its digits', () => {
    const template = rawFixture('inbound-text.raw');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (token) => {
        const text = template.replace('5741311803571721090', token.toString());
        const callback = v.parse(ViberCallbackSchema, parseViberJson(text));
        expect(callback.event === 'message' && callback.message_token).toBe(token.toString());
      }),
      { numRuns: 2000 },
    );
  });
});
