import { DateTime } from 'luxon';
import type { WidgetConfig } from './webchat-config';

/** Whether someone is expected to answer now, and when the team is next in. */
export type Availability = {
  online: boolean;
  /** ISO time of the next opening when offline, else null. */
  next_open_at: string | null;
  /** The configured reply time while online; null offline or when not configured. */
  expected_reply_minutes: number | null;
  timezone: string | null;
};

const WEEKDAY = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

/**
 * Works out from the widget's business hours (a time zone and weekly ranges, DST-aware) whether
 * the team is in now and, if not, when it opens next. A widget without business hours is always
 * online. The widget uses it to show the greeting and reply time, or to ask for an email.
 *
 * @example
 * availabilityAt(widget, new Date('2026-11-21T10:00:00Z'));
 * // { online: false, next_open_at: '2026-11-23T08:00:00.000Z', expected_reply_minutes: null, timezone: 'Europe/Warsaw' }
 */
export function availabilityAt(widget: Pick<WidgetConfig, 'businessHours' | 'expectedReplyMinutes'>, now: Date): Availability {
  const hours = widget.businessHours;
  if (!hours) return { online: true, next_open_at: null, expected_reply_minutes: widget.expectedReplyMinutes, timezone: null };
  const local = DateTime.fromJSDate(now, { zone: hours.timezone });
  let nextOpen: DateTime | null = null;
  // Eight days ahead covers a range that opened earlier today and reopens a week later.
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    for (const range of hours.weekly) {
      if (!range.days.some((d) => WEEKDAY[d] === day.weekday)) continue;
      const start = atTime(day, range.from);
      const end = atTime(day, range.to);
      if (start <= local && local < end) {
        return { online: true, next_open_at: null, expected_reply_minutes: widget.expectedReplyMinutes, timezone: hours.timezone };
      }
      if (start > local && (nextOpen === null || start < nextOpen)) nextOpen = start;
    }
  }
  return { online: false, next_open_at: nextOpen?.toUTC().toISO() ?? null, expected_reply_minutes: null, timezone: hours.timezone };
}

function atTime(day: DateTime, time: string): DateTime {
  if (time === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}
