/**
 * Snooze choices relative to now: in an hour, tomorrow 9:00, next Monday 9:00 (local time).
 *
 * @example
 * snoozePresets(new Date()).map((p) => p.label); // ['In 1 hour', 'Tomorrow 9:00', 'Next Monday 9:00']
 */
export function snoozePresets(now: Date): Array<{ label: string; until: Date }> {
  const inHour = new Date(now.getTime() + 60 * 60_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    { label: 'In 1 hour', until: inHour },
    { label: 'Tomorrow 9:00', until: tomorrow },
    { label: 'Next Monday 9:00', until: monday },
  ];
}

/**
 * The value a `datetime-local` input shows for a date, in local time.
 *
 * @example
 * toLocalInputValue(new Date(2025, 0, 2, 9, 30)); // '2025-01-02T09:30'
 */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
