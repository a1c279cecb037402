import { RecordInboundInputSchema } from '@switchboard/events';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './test-helpers/fixtures';
import { parseWhatsAppWebhook, type ParsedWebhook } from './whatsapp-cloud-parse';

const FIXTURES = [
  'inbound-text.json',
  'inbound-text-username-only.json',
  'inbound-reply-with-context.json',
  'inbound-image.json',
  'inbound-document.json',
  'inbound-location.json',
  'status-sent.json',
  'status-delivered.json',
  'status-read.json',
  'status-failed-131047.json',
].map((name) => JSON.parse(fixtureText(name)) as unknown);

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

/** A copy of `value` with the node at `path` replaced by `replacement`, or removed when it is undefined. */
function mutate(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

/** A fixture with one to three nodes replaced by arbitrary JSON (wrong types, huge strings, nulls) or removed. */
const mutatedFixture = fc
  .constantFrom(...FIXTURES)
  .chain((fixture) =>
    fc.array(fc.tuple(fc.nat(), fc.option(fc.oneof(fc.jsonValue(), fc.string({ minLength: 300, maxLength: 2000 }), fc.double()), { nil: undefined })), { minLength: 1, maxLength: 3 }).map((edits) =>
      edits.reduce<unknown>((payload, [pick, replacement]) => {
        const paths = pathsOf(payload);
        return mutate(payload, paths[pick % paths.length]!, replacement);
      }, fixture),
    ),
  )
  .map((payload) => JSON.stringify(payload) ?? 'undefined');

/** Everything the parser returns must be complete and acceptable to the core, never half a message. */
function assertWhole(result: ParsedWebhook): void {
  for (const item of result.items) {
    if (item.kind === 'message') {
      const input = { ...item.record, channel: 'channel-whatsapp-cloud', attachmentIds: [] };
      expect(v.safeParse(RecordInboundInputSchema, input).success).toBe(true);
      expect(item.record.thread).toBe(item.record.from.identity.value);
      expect(Number.isFinite(item.sentAt)).toBe(true);
      if (item.media) expect(item.media.id.length).toBeGreaterThan(0);
    } else {
      expect(['sent', 'delivered', 'read', 'failed']).toContain(item.state);
      expect(item.providerMessageId.length).toBeGreaterThan(0);
      expect(item.error === null).toBe(item.state !== 'failed');
    }
  }
}

describe('parseWhatsAppWebhook under malformed input (fast-check)', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (body) => {
        expect(parseWhatsAppWebhook(body).items).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON, and returns only whole items', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        assertWhole(parseWhatsAppWebhook(JSON.stringify(json) ?? 'null'));
      }),
      { numRuns: 300 },
    );
  });

  it('returns only whole, core-valid items from fixtures with nodes broken or removed', () => {
    fc.assert(
      fc.property(mutatedFixture, (body) => {
        assertWhole(parseWhatsAppWebhook(body));
      }),
      { numRuns: 1000 },
    );
  });
});
