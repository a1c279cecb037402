import { describe, expect, it } from 'vitest';
import { isStatusAdvance } from './twilio-status-handler';

describe('the order of Twilio message states', () => {
  it.each([
    ['queued', 'sent', true],
    ['accepted', 'delivered', true],
    ['sent', 'read', true],
    ['delivered', 'read', true],
    ['read', 'delivered', false],
    ['delivered', 'sent', false],
    ['sent', 'sent', false],
    ['sent', 'undelivered', true],
    ['queued', 'failed', true],
    ['delivered', 'failed', false],
    ['failed', 'delivered', false],
    ['undelivered', 'read', false],
    ['sent', 'receiving', false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(isStatusAdvance(from, to)).toBe(expected);
  });
});
