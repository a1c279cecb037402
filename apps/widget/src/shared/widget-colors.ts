const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The brand colour and the text colour on it, from the widget config. Anything but a hex colour
 * is ignored (it ends up in a style attribute); without a text colour, black or white is picked
 * by YIQ brightness.
 *
 * @example
 * brandColors('#ffd33d', null); // ['#ffd33d', '#111']
 */
export function brandColors(primary: string | null | undefined, onPrimary: string | null | undefined): [string, string] {
  const color = primary && HEX.test(primary) ? primary : '#1f6feb';
  if (onPrimary && HEX.test(onPrimary)) return [color, onPrimary];
  const n = parseInt(color.length === 4 ? color.replace(/\w/g, (c) => c + c).slice(1) : color.slice(1), 16);
  return [color, ((n >> 16) & 255) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 160_000 ? '#111' : '#fff'];
}
