import { describe, expect, it } from 'vitest';
import { signAttachmentAccess, verifyAttachmentAccess } from './attachments-signing';

const key = 'k'.repeat(40);
const id = '01J9ZK3V5T7Q8R2W4X6Y8Z0A1B';
const now = Date.UTC(2026, 0, 1);
const expires = now / 1000 + 900;

describe('verifyAttachmentAccess', () => {
  it('accepts its own signature before expiry, given as text as in a query string', () => {
    expect(verifyAttachmentAccess(key, id, String(expires), signAttachmentAccess(key, id, expires), now)).toBe(true);
  });

  it('refuses a signature for another id, another expiry or another key', () => {
    const sig = signAttachmentAccess(key, id, expires);
    expect(verifyAttachmentAccess(key, '01J9ZK3V5T7Q8R2W4X6Y8Z0A1C', expires, sig, now)).toBe(false);
    expect(verifyAttachmentAccess(key, id, expires + 3600, sig, now)).toBe(false);
    expect(verifyAttachmentAccess('x'.repeat(40), id, expires, sig, now)).toBe(false);
  });

  it('refuses every other spelling of the signature, including ones that decode to the same bytes', () => {
    const sig = signAttachmentAccess(key, id, expires);
    const last = sig.at(-1) ?? '';
    for (const other of 'AEIMQUYcgkosw048') {
      if (other !== last) expect(verifyAttachmentAccess(key, id, expires, sig.slice(0, -1) + other, now)).toBe(false);
    }
    expect(verifyAttachmentAccess(key, id, `0${expires}`, sig, now)).toBe(false);
  });

  it('refuses an expired or malformed link', () => {
    const sig = signAttachmentAccess(key, id, expires);
    expect(verifyAttachmentAccess(key, id, expires, sig, expires * 1000)).toBe(false);
    expect(verifyAttachmentAccess(key, id, 'soon', sig, now)).toBe(false);
    expect(verifyAttachmentAccess(key, id, expires, undefined, now)).toBe(false);
    expect(verifyAttachmentAccess(key, id, null, sig, now)).toBe(false);
  });
});
