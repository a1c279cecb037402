import { describe, expect, it } from 'vitest';
import type { DetailLeg } from '../api/api-types';
import { leg as baseLeg } from '../testing/fixtures';
import { legAfterInbound, replyLeg, replyWindow, replyWindowMessage, roughDuration } from './reply-window';

const H = 3_600_000;
const NOW = Date.parse('2025-03-10T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function leg(overrides: Partial<DetailLeg>): DetailLeg {
  return { ...baseLeg(), lastInboundAt: null, replyWindowClosesAt: null, ...overrides };
}

describe('reply window', () => {
  it('picks the leg the reply goes out on: where the customer wrote last, else the newest', () => {
    const email = leg({ id: 'email', channel: 'channel-email', lastInboundAt: iso(NOW - 5 * H), createdAt: iso(NOW - 50 * H) });
    const wa = leg({ id: 'wa', channel: 'channel-whatsapp', lastInboundAt: iso(NOW - 30 * H), createdAt: iso(NOW - 40 * H) });
    const fresh = leg({ id: 'fresh', lastInboundAt: null, createdAt: iso(NOW - H) });
    expect(replyLeg([wa, email, fresh])!.id).toBe('email');
    expect(replyLeg([fresh, leg({ id: 'older', createdAt: iso(NOW - 2 * H) })])!.id).toBe('fresh');
    expect(replyLeg([])).toBeNull();
  });

  it('says nothing for channels without a window, or while it is open for more than an hour', () => {
    expect(replyWindow([leg({ lastInboundAt: iso(NOW - 100 * H) })], NOW)).toEqual({ kind: 'none' });
    expect(replyWindow([leg({ lastInboundAt: iso(NOW - H), replyWindowClosesAt: iso(NOW + 23 * H) })], NOW).kind).toBe('open');
  });

  it('warns when the window closed, with its length and how long ago', () => {
    const wa = leg({ channel: 'channel-whatsapp', lastInboundAt: iso(NOW - 27 * H), replyWindowClosesAt: iso(NOW - 3 * H) });
    const state = replyWindow([wa], NOW);
    expect(state).toMatchObject({ kind: 'closed', windowHours: 24, agoMs: 3 * H });
    expect(replyWindowMessage(state, 'WhatsApp')).toBe('The 24-hour reply window on WhatsApp closed 3 h ago — the customer must write first, or send an approved template.');
  });

  it('warns too when the customer never wrote on the leg (the window never opened)', () => {
    const state = replyWindow([leg({ lastInboundAt: null, createdAt: iso(NOW - H), replyWindowClosesAt: iso(NOW - H) })], NOW);
    expect(state).toMatchObject({ kind: 'closed', windowHours: null });
    expect(replyWindowMessage(state, 'WhatsApp')).toBe('The reply window on WhatsApp is closed: the customer has not written on it yet — the customer must write first, or send an approved template.');
  });

  it('counts down the last hour softly', () => {
    const state = replyWindow([leg({ lastInboundAt: iso(NOW - 23.3 * H), replyWindowClosesAt: iso(NOW + 0.7 * H) })], NOW);
    expect(state).toMatchObject({ kind: 'closing', remainingMs: 0.7 * H });
    expect(replyWindowMessage(state, 'WhatsApp')).toBe('The reply window on WhatsApp closes in 42 min — after that the customer must write first.');
  });

  it('moves the window with a new customer message, or asks the server when its length is unknown', () => {
    const open = leg({ lastInboundAt: iso(NOW - 10 * H), replyWindowClosesAt: iso(NOW + 14 * H) });
    expect(legAfterInbound(open, iso(NOW))).toEqual({ leg: { ...open, lastInboundAt: iso(NOW), replyWindowClosesAt: iso(NOW + 24 * H) }, refresh: false });
    const never = leg({ lastInboundAt: null, replyWindowClosesAt: iso(NOW - H) });
    expect(legAfterInbound(never, iso(NOW))).toMatchObject({ leg: { lastInboundAt: iso(NOW) }, refresh: true });
    expect(legAfterInbound(open, iso(NOW - 20 * H)).leg).toBe(open);
  });

  it('rounds durations the way people say them', () => {
    expect(roughDuration(30_000)).toBe('less than a minute');
    expect(roughDuration(42 * 60_000)).toBe('42 min');
    expect(roughDuration(3 * H + 59 * 60_000)).toBe('3 h');
    expect(roughDuration(30 * H)).toBe('30 h');
    expect(roughDuration(80 * H)).toBe('3 d');
  });
});
