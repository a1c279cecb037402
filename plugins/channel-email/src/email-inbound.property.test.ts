import type { CoreEventData } from '@switchboard/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmailHost, type EmailTestHost } from './test-helpers/email-host';
import { malformedMail } from './test-helpers/mail-arbitraries';

type Processed = { mailId: string; account: string; outcome: string };
type Received = CoreEventData<'core.message.received.v1'>;

let t: EmailTestHost;
beforeAll(async () => {
  t = await startEmailHost();
});
afterAll(async () => {
  await t?.stop();
});

describe('malformed mail through the whole plugin (property, real host)', () => {
  it('is either recorded whole, once, or not at all — and the plugin keeps working', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(malformedMail(), async (body) => {
        const messageId = `prop-${++run}-${Date.now()}@customer.example.net`;
        const raw = Buffer.concat([Buffer.from(`Message-ID: <${messageId}>\r\n`), body]);
        const { response } = await t.sendRaw(raw);
        const mailId = /queued as (\S+)/.exec(response)?.[1];
        expect(mailId, response).toBeDefined();
        const processed = await t.host.waitForEvent<Processed>('channel-email.mail.processed.v1', (e) => e.data.mailId === mailId, 20_000);
        const recorded = t.host.events().filter((e) => e.type === 'core.message.received.v1' && (e.data as Received).message.providerMessageId === messageId);
        if (processed.data.outcome === 'message') {
          expect(recorded).toHaveLength(1);
          const { message } = recorded[0]!.data as Received;
          expect(message.text.length + message.attachments.length).toBeGreaterThan(0);
        } else {
          expect(recorded).toHaveLength(0);
        }
      }),
      { numRuns: 30 },
    );
    // Still healthy afterwards.
    await t.sendRaw(['From: dana@customer.example.net', 'To: support@example.com', 'Subject: ok', 'Message-ID: <after-fuzz@customer.example.net>', '', 'still here', ''].join('\r\n'));
    expect((await t.received('after-fuzz@customer.example.net')).message.text).toBe('still here');
  });
});
