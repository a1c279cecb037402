import { parse } from 'lossless-json';

/**
 * Parses Viber's JSON without losing digits: `message_token` is a 64-bit integer above 2^53,
 * which `JSON.parse` silently rounds (`5741311803571721090` becomes `5741311803571721000`),
 * merging distinct messages. Integers a double cannot hold exactly come back as strings of
 * their digits; every other number as a number. Throws a `SyntaxError` for invalid JSON.
 *
 * @example
 * parseViberJson('{"message_token":5741311803571721090}'); // { message_token: '5741311803571721090' }
 * parseViberJson('{"lat":38.897701}'); // { lat: 38.897701 }
 */
export function parseViberJson(text: string): unknown {
  return parse(text, null, (digits) => {
    if (/^-?\d+$/.test(digits)) {
      const value = Number(digits);
      return Number.isSafeInteger(value) ? value : digits;
    }
    return Number(digits);
  });
}
