import { describe, expect, it } from 'vitest';
import { availabilityLine, formatSize, looksLikeEmail } from './chat-format';
import { createTranslator } from './chat-i18n';

describe('formatting for visitors', () => {
  it('promises a reply time during business hours and says when the team is back outside them', () => {
    const en = createTranslator('en');
    expect(availabilityLine({ online: true, expected_reply_minutes: 5, next_open_at: null, timezone: 'Europe/Warsaw' }, en)).toBe('We usually reply within 5 min.');
    expect(availabilityLine({ online: true, expected_reply_minutes: null, next_open_at: null, timezone: null }, en)).toBe('We’re online');
    expect(availabilityLine({ online: false, expected_reply_minutes: null, next_open_at: null, timezone: null }, en)).toBe('We’ll reply as soon as we can.');
    const back = availabilityLine({ online: false, expected_reply_minutes: null, next_open_at: '2026-11-23T08:00:00.000Z', timezone: 'Europe/Warsaw' }, en);
    expect(back).toMatch(/^We’re away\. Back Monday( at)? \d{1,2}:00\s?(AM|PM)?\.$/);
    const pl = availabilityLine({ online: false, expected_reply_minutes: null, next_open_at: '2026-11-23T08:00:00.000Z', timezone: null }, createTranslator('pl'));
    expect(pl).toMatch(/^Nie ma nas teraz\. Wracamy poniedziałek/);
    expect(availabilityLine(null, en)).toBe('');
  });

  it('writes file sizes for people and recognises email addresses', () => {
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(1536 * 1024)).toBe('1.5 MB');
    expect(formatSize(300)).toBe('1 KB');
    expect(looksLikeEmail('dana@customer.example.net')).toBe(true);
    expect(looksLikeEmail('dana@localhost')).toBe(false);
    expect(looksLikeEmail('not an email')).toBe(false);
  });
});
