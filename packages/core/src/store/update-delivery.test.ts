import { describe, expect, it } from 'vitest';
import { canTransition } from './update-delivery';

describe('delivery state transitions', () => {
  it('only moves forward', () => {
    expect(canTransition('queued', 'sent')).toBe(true);
    expect(canTransition('sent', 'read')).toBe(true);
    expect(canTransition('read', 'delivered')).toBe(false);
    expect(canTransition('delivered', 'sent')).toBe(false);
    expect(canTransition('read', 'read')).toBe(false);
  });
  it('fails only what has not been delivered, and lets a retried message move on', () => {
    expect(canTransition('sent', 'failed')).toBe(true);
    expect(canTransition('delivered', 'failed')).toBe(false);
    expect(canTransition('failed', 'queued')).toBe(true);
    expect(canTransition('failed', 'delivered')).toBe(true);
    // A dispatcher's late "sent" does not hide the provider's failure.
    expect(canTransition('failed', 'sent')).toBe(false);
  });
});
