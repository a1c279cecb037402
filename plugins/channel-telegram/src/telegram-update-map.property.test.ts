import { RecordInboundInputSchema } from '@switchboard/events';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXTURE_BOT_ID, fixture, type WebhookFixture } from './test-helpers/fixtures';
import { mapTelegramUpdate } from './telegram-update-map';
import { TelegramUpdateSchema } from './telegram-update-schemas';

const FIXTURES = [
  'inbound-text.json',
  'inbound-command-start.json',
  'inbound-photo.json',
  'inbound-document.json',
  'inbound-voice.json',
  'inbound-location.json',
  'inbound-contact.json',
  'inbound-reply.json',
  'edited-message.json',
  'callback-query.json',
  'my-chat-member-blocked.json',
].map((name) => fixture<WebhookFixture>(name).body);

/**
 * What the webhook and its handler do with a body: parse, validate, map. Whatever comes in, the
 * outcome is "not an update", "ignored", or a message the core accepts as a whole.
 */
function process(body: unknown): 'invalid' | 'ignored' | 'message' {
  const parsed = v.safeParse(TelegramUpdateSchema, body);
  if (!parsed.success) return 'invalid';
  const inbound = mapTelegramUpdate(parsed.output, body, FIXTURE_BOT_ID);
  if (inbound.kind === 'ignored') return 'ignored';
  const { media: _media, quickReply: _quickReply, callbackQueryId: _callback, ...record } = inbound.message;
  const accepted = v.safeParse(RecordInboundInputSchema, { ...record, channel: 'channel-telegram', account: FIXTURE_BOT_ID, attachmentIds: [] });
  if (!accepted.success) throw new Error(`mapped a message the core refuses: ${accepted.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('; ')}`);
  return 'message';
}

/** A fixture update with one value somewhere inside replaced by anything JSON can hold. */
const mutatedFixture = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.jsonValue())
  .map(([update, path, replacement]) => {
    const copy = structuredClone(update) as Record<string, unknown>;
    let node: unknown = copy;
    for (const [depth, pick] of path.entries()) {
      if (node === null || typeof node !== 'object') break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[pick % keys.length] as string;
      if (depth === path.length - 1) (node as Record<string, unknown>)[key] = replacement;
      else node = (node as Record<string, unknown>)[key];
    }
    return copy;
  });

describe('the Telegram update parser, fuzzed', () => {
  it('never throws on arbitrary JSON, and never maps it to a message the core would refuse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expect(['invalid', 'ignored', 'message']).toContain(process(body));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on fixtures with any field replaced, and maps the survivors whole', () => {
    fc.assert(
      fc.property(mutatedFixture, (body) => {
        expect(['invalid', 'ignored', 'message']).toContain(process(body));
      }),
      { numRuns: 3000 },
    );
  });

  it('maps any private text message, whatever its text and ids, to a valid message', () => {
    const textUpdate = fc.record({
      update_id: fc.nat(),
      message: fc.record({
        message_id: fc.nat(),
        date: fc.nat(),
        text: fc.string({ unit: 'binary', maxLength: 5000 }),
        from: fc.record({ id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), is_bot: fc.constant(false), first_name: fc.string({ maxLength: 300 }), username: fc.option(fc.string({ maxLength: 64 }), { nil: undefined }) }),
        chat: fc.record({ id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), type: fc.constant('private') }),
        reply_to_message: fc.option(fc.record({ message_id: fc.nat() }), { nil: undefined }),
      }),
    });
    fc.assert(
      fc.property(textUpdate, (update) => {
        const body = JSON.parse(JSON.stringify(update)) as unknown;
        const outcome = process(body);
        // A first name over 256 characters is not Telegram's, and is refused as a whole.
        expect(outcome).toBe(update.message.from.first_name.length > 256 ? 'invalid' : 'message');
      }),
      { numRuns: 1000 },
    );
  });
});
