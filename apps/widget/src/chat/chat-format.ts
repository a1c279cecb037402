import type { Availability } from '../shared/webchat-protocol';
import type { Translate } from './chat-i18n';

/**
 * A file size for people: "820 KB", "10 MB".
 *
 * @example
 * formatSize(10 * 1024 * 1024); // '10 MB'
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The header's promise about replies: the expected reply time during business hours, or when
 * the team is back (in the visitor's own time zone and language).
 *
 * @example
 * availabilityLine({ online: true, expected_reply_minutes: 5, next_open_at: null, timezone: null }, t); // 'We usually reply within 5 min.'
 */
export function availabilityLine(availability: Availability | null, t: Translate): string {
  if (!availability) return '';
  if (availability.online) return availability.expected_reply_minutes ? t('replyIn', { n: availability.expected_reply_minutes }) : t('online');
  if (!availability.next_open_at) return t('replySoon');
  const when = new Date(availability.next_open_at);
  if (Number.isNaN(when.getTime())) return t('replySoon');
  const format = new Intl.DateTimeFormat(t.locale, { weekday: 'long', hour: 'numeric', minute: '2-digit' });
  return t('awayUntil', { when: format.format(when) });
}

/**
 * A time of day for a message, in the visitor's language.
 *
 * @example
 * formatTime('2026-11-22T13:05:00Z', 'en'); // '1:05 PM' (in the visitor's time zone)
 */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** Whether the text looks like an email address (the server checks it properly). */
export const looksLikeEmail = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
