import type { DetailLeg } from '../api/api-types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What the window of a way to reply depends on: a leg, or a leg that could be opened (a reply option). */
export type WindowLeg = Pick<DetailLeg, 'channel' | 'lastInboundAt' | 'replyWindowClosesAt'>;

/** How the reply window of the leg a reply would go out on stands. */
export type ReplyWindow =
  | { kind: 'none' }
  | { kind: 'open'; leg: WindowLeg; closesAt: number }
  /** Closes within the hour: a softer notice with the countdown. */
  | { kind: 'closing'; leg: WindowLeg; closesAt: number; remainingMs: number }
  /** Closed: only the channel's own tools (an approved template) can reach the customer. */
  | { kind: 'closed'; leg: WindowLeg; closedAt: number; agoMs: number; windowHours: number | null };

/**
 * The leg a reply goes out on, by the server's rule: the one the customer wrote on last (legs
 * they never wrote on after those), then the newest.
 *
 * @example
 * replyLeg(detail.legs)?.channel; // 'channel-whatsapp'
 */
export function replyLeg<L extends Pick<DetailLeg, 'lastInboundAt' | 'createdAt'>>(legs: readonly L[]): L | null {
  let best: L | null = null;
  for (const leg of legs) {
    if (!best) {
      best = leg;
      continue;
    }
    const a = leg.lastInboundAt;
    const b = best.lastInboundAt;
    if (a !== b) {
      if (a === null) continue;
      if (b === null || a > b) best = leg;
      continue;
    }
    if (leg.createdAt >= best.createdAt) best = leg;
  }
  return best;
}

/**
 * Where the reply window stands for the next reply, given the conversation's legs and the time.
 *
 * @example
 * replyWindow(detail.legs, Date.now()); // { kind: 'closed', agoMs: 10_800_000, windowHours: 24, … }
 */
export function replyWindow(legs: readonly DetailLeg[], now: number): ReplyWindow {
  return legWindow(replyLeg(legs), now);
}

/**
 * Where the reply window stands on one leg (or a leg that could be opened) at a time.
 *
 * @example
 * legWindow(chosenOption, Date.now()).kind; // 'open'
 */
export function legWindow(leg: WindowLeg | null, now: number): ReplyWindow {
  if (!leg?.replyWindowClosesAt) return { kind: 'none' };
  const closesAt = Date.parse(leg.replyWindowClosesAt);
  if (Number.isNaN(closesAt)) return { kind: 'none' };
  if (closesAt <= now) {
    const windowHours = leg.lastInboundAt ? Math.round((closesAt - Date.parse(leg.lastInboundAt)) / HOUR) : null;
    return { kind: 'closed', leg, closedAt: closesAt, agoMs: now - closesAt, windowHours };
  }
  if (closesAt - now <= HOUR) return { kind: 'closing', leg, closesAt, remainingMs: closesAt - now };
  return { kind: 'open', leg, closesAt };
}

/**
 * A duration as the notices say it: `less than a minute`, `42 min`, `3 h`, `2 d`.
 *
 * @example
 * roughDuration(3 * 3_600_000 + 5 * 60_000); // '3 h'
 */
export function roughDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 48 * HOUR) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / (24 * HOUR))} d`;
}

/**
 * The sentence above the composer, or null when there is nothing to say.
 *
 * @example
 * replyWindowMessage(window, 'WhatsApp');
 * // 'The 24-hour reply window on WhatsApp closed 3 h ago — the customer must write first, or send an approved template.'
 */
export function replyWindowMessage(window: ReplyWindow, channelLabel: string): string | null {
  switch (window.kind) {
    case 'closed': {
      const span = window.windowHours ? `${window.windowHours}-hour reply window` : 'reply window';
      const when = window.leg.lastInboundAt ? `closed ${roughDuration(window.agoMs)} ago` : 'is closed: the customer has not written on it yet';
      return `The ${span} on ${channelLabel} ${when} — the customer must write first, or send an approved template.`;
    }
    case 'closing':
      return `The reply window on ${channelLabel} closes in ${roughDuration(window.remainingMs)} — after that the customer must write first.`;
    default:
      return null;
  }
}

/**
 * A leg after a customer message on it: the window moves with the message when its length is
 * known (`refresh` says the server must be asked otherwise).
 *
 * @example
 * const { leg, refresh } = legAfterInbound(leg, message.createdAt);
 */
export function legAfterInbound(leg: DetailLeg, at: string): { leg: DetailLeg; refresh: boolean } {
  if (leg.lastInboundAt && at <= leg.lastInboundAt) return { leg, refresh: false };
  if (!leg.replyWindowClosesAt) return { leg: { ...leg, lastInboundAt: at }, refresh: false };
  if (!leg.lastInboundAt) return { leg: { ...leg, lastInboundAt: at }, refresh: true };
  const length = Date.parse(leg.replyWindowClosesAt) - Date.parse(leg.lastInboundAt);
  return { leg: { ...leg, lastInboundAt: at, replyWindowClosesAt: new Date(Date.parse(at) + length).toISOString() }, refresh: false };
}
