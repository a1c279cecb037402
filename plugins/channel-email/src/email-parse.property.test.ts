import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainAddress } from './email-address';
import { EmailError, EmailErrorCodes } from './email-errors';
import { parseEmail } from './email-parse';
import { malformedMail } from './test-helpers/mail-arbitraries';

describe('parseEmail on malformed input (property)', () => {
  it('either gives a complete, header-safe result or refuses with SWB_ERR_EMAIL_MALFORMED — never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(malformedMail(), async (raw) => {
        let mail;
        try {
          mail = await parseEmail(raw);
        } catch (err) {
          expect(err).toBeInstanceOf(EmailError);
          expect((err as EmailError).code).toBe(EmailErrorCodes.MALFORMED);
          return;
        }
        expect(isPlainAddress(mail.sender.address)).toBe(true);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        for (const a of [mail.from, mail.sender, ...mail.to, ...mail.cc]) expect(a.name ?? '').not.toMatch(/[\r\n\u0000]/);
        expect(mail.dedupeKey.length).toBeGreaterThan(0);
        expect(typeof mail.text).toBe('string');
        expect(typeof mail.reply).toBe('string');
        for (const part of mail.parts) {
          expect(part.content).toBeInstanceOf(Uint8Array);
          expect(part.filename.length).toBeGreaterThan(0);
        }
        for (const id of [...mail.inReplyTo, ...mail.references]) expect(id).not.toMatch(/[\s<>]/);
      }),
      { numRuns: 400 },
    );
  });
});
