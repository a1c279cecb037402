import { describe, expect, it } from 'vitest';
import { normalizeLabel } from './triage-bar';

describe('normalizeLabel', () => {
  it('takes a label the way the server stores it, or refuses what it would refuse', () => {
    expect(normalizeLabel('  VIP ')).toBe('vip');
    expect(normalizeLabel('Late   Delivery')).toBe('late delivery');
    expect(normalizeLabel('follow-up_2')).toBe('follow-up_2');
    expect(normalizeLabel('')).toBeNull();
    expect(normalizeLabel('über')).toBeNull();
    expect(normalizeLabel('x'.repeat(51))).toBeNull();
  });
});
