/**
 * Up to two initials for an avatar.
 *
 * @example
 * initials('Dana Scully'); // 'DS'
 * initials(null);          // '?'
 */
export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}

/**
 * A stable hue for a name, so the same person always gets the same avatar colour.
 *
 * @example
 * hueOf('Dana'); // 0..359
 */
export function hueOf(key: string): number {
  let hash = 7;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return hash;
}
