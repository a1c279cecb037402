import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature';

const SECRET = 'whsec-0123456789abcdef';
const NOW = new Date('2025-01-02T03:04:05.000Z');
const TIMESTAMP = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({ type: 'message.created', id: '01JD3Z6Q8V5C2K9W4T7N0R1M6B', text: 'Grüße ✓' });

describe('signWebhook', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>", as the README tells integrators', () => {
    const expected = createHmac('sha256', SECRET).update(`${TIMESTAMP}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(`v1=${expected}`);
    expect(signWebhook(SECRET, String(TIMESTAMP), new TextEncoder().encode(BODY))).toBe(`v1=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(SECRET, TIMESTAMP, BODY);

  it('accepts a valid signature, as a string or raw bytes, within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY, { now: NOW })).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, TIMESTAMP, Buffer.from(BODY), { now: NOW.getTime() + 299_000 })).toBe(true);
  });

  it('refuses a tampered body', () => {
    const tampered = BODY.replace('Grüße', 'Gruesse');
    expect(verifyWebhookSignature(SECRET, header, TIMESTAMP, tampered, { now: NOW })).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyWebhookSignature('not-the-secret', header, TIMESTAMP, BODY, { now: NOW })).toBe(false);
  });

  it('refuses a changed timestamp, so a captured request cannot be re-dated', () => {
    expect(verifyWebhookSignature(SECRET, header, TIMESTAMP + 1, BODY, { now: NOW })).toBe(false);
  });

  it('refuses a timestamp older (or further ahead) than the tolerance', () => {
    const old = TIMESTAMP - 301;
    const oldHeader = signWebhook(SECRET, old, BODY);
    expect(verifyWebhookSignature(SECRET, oldHeader, old, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature(SECRET, oldHeader, old, BODY, { now: NOW, toleranceSeconds: 600 })).toBe(true);
    const ahead = TIMESTAMP + 301;
    expect(verifyWebhookSignature(SECRET, signWebhook(SECRET, ahead, BODY), ahead, BODY, { now: NOW })).toBe(false);
  });

  it('refuses missing or malformed headers without throwing', () => {
    for (const bad of [undefined, null, '', 'v1=', 'v1=xyz', 'v0=' + header.slice(3), header.slice(3)]) {
      expect(verifyWebhookSignature(SECRET, bad, TIMESTAMP, BODY, { now: NOW })).toBe(false);
    }
    expect(verifyWebhookSignature(SECRET, header, 'yesterday', BODY, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, undefined, BODY, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature('', header, TIMESTAMP, BODY, { now: NOW })).toBe(false);
  });

  it('accepts a header listing several signatures when one matches', () => {
    const other = signWebhook('old-secret', TIMESTAMP, BODY);
    expect(verifyWebhookSignature(SECRET, `${other}, ${header}`, TIMESTAMP, BODY, { now: NOW })).toBe(true);
  });
});
