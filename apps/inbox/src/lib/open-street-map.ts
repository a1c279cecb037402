/**
 * A link to a place on OpenStreetMap, with a pin, at street zoom.
 *
 * @example
 * openStreetMapUrl(52.52, 13.405); // 'https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=17/52.52/13.405'
 */
export function openStreetMapUrl(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}
