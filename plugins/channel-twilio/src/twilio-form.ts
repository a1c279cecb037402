import type { TwilioParamPairs } from './twilio-signature';

/**
 * Decodes an `application/x-www-form-urlencoded` body into its parameters, in order, repeats kept
 * (`+` is a space, `%XX` are UTF-8 bytes). Never throws: a malformed escape stays as written, so
 * the signature check then fails or the schema refuses the value.
 *
 * @example
 * parseTwilioForm('Body=Hi+there&To=%2B12025550100'); // [['Body', 'Hi there'], ['To', '+12025550100']]
 */
export function parseTwilioForm(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}

/**
 * The parameters as a record for schema parsing. Twilio sends every name once; should a name
 * repeat, the first value counts (the signature still covered all of them).
 *
 * @example
 * twilioFormRecord([['To', '+1'], ['To', '+2']]); // { To: '+1' }
 */
export function twilioFormRecord(pairs: TwilioParamPairs): Record<string, string> {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of pairs) if (!(name in record)) record[name] = value;
  return record;
}

/**
 * Encodes parameters the way the Messages API expects its body; names may repeat (`MediaUrl`).
 *
 * @example
 * encodeTwilioForm([['To', '+12025550143'], ['Body', 'Hi']]); // 'To=%2B12025550143&Body=Hi'
 */
export function encodeTwilioForm(pairs: TwilioParamPairs): string {
  return new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, value])).toString();
}
