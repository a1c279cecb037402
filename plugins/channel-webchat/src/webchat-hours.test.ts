import { describe, expect, it } from 'vitest';
import { availabilityAt } from './webchat-hours';

const warsaw = {
  expectedReplyMinutes: 5,
  businessHours: {
    timezone: 'Europe/Warsaw',
    weekly: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>, from: '09:00', to: '17:00' },
      { days: ['sat'] as Array<'sat'>, from: '10:00', to: '24:00' },
    ],
  },
};

describe('business hours', () => {
  it('is online inside a range, with the reply time', () => {
    // Monday 2026-11-23 10:30 in Warsaw (UTC+1).
    expect(availabilityAt(warsaw, new Date('2026-11-23T09:30:00Z'))).toEqual({ online: true, next_open_at: null, expected_reply_minutes: 5, timezone: 'Europe/Warsaw' });
  });

  it('is offline after hours and names the next opening in UTC', () => {
    // Friday 18:00 local: next is Saturday 10:00 local = 09:00 UTC.
    expect(availabilityAt(warsaw, new Date('2026-11-27T17:00:00Z'))).toEqual({ online: false, next_open_at: '2026-11-28T09:00:00.000Z', expected_reply_minutes: null, timezone: 'Europe/Warsaw' });
    // Saturday 23:59 local is still open (the range runs to 24:00); Sunday opens nothing until Monday 09:00.
    expect(availabilityAt(warsaw, new Date('2026-11-28T22:59:00Z')).online).toBe(true);
    expect(availabilityAt(warsaw, new Date('2026-11-29T12:00:00Z')).next_open_at).toBe('2026-11-30T08:00:00.000Z');
  });

  it('follows daylight saving time: 09:00 in Warsaw is 07:00 UTC in summer', () => {
    expect(availabilityAt(warsaw, new Date('2026-07-06T06:59:00Z')).next_open_at).toBe('2026-07-06T07:00:00.000Z');
    expect(availabilityAt(warsaw, new Date('2026-07-06T07:00:00Z')).online).toBe(true);
  });

  it('is always online without business hours', () => {
    expect(availabilityAt({ businessHours: null, expectedReplyMinutes: null }, new Date())).toEqual({ online: true, next_open_at: null, expected_reply_minutes: null, timezone: null });
  });
});
