import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The channel reference's Viber payloads, kept with the plugin in fixtures/viber. */
const FIXTURES_DIR = new URL('../../fixtures/viber/', import.meta.url);

function path(name: string): URL {
  const dir = fileURLToPath(FIXTURES_DIR);
  if (!existsSync(dir)) throw new Error(`the Viber fixtures are missing: expected them in ${dir} (the plugin's fixtures/viber folder)`);
  return new URL(name, FIXTURES_DIR);
}

/**
 * The exact bytes of a `.raw` fixture, as Viber signed them. Fails loudly when the
 * fixtures are missing: these tests replay them and must never pass without them.
 *
 * @example
 * const body = rawFixture('inbound-text.raw');
 */
export function rawFixture(name: string): string {
  return readFileSync(path(name), 'utf8');
}

/**
 * A `.json` fixture, parsed.
 *
 * @example
 * const { examples } = jsonFixture<SignatureExamples>('signature-examples.json');
 */
export function jsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path(name), 'utf8')) as T;
}

/** signature-examples.json: the token and the signature of each raw body. */
export type SignatureExamples = { auth_token: string; examples: Array<{ raw_body_file: string; expected_x_viber_content_signature: string }> };

/** The made-up bot token of the fixtures. */
export const FIXTURE_TOKEN = '4f1d2c3b4a596877-8695a4b3c2d1e0f1-0a1b2c3d4e5f6a7b';
/** The customer of the fixtures. */
export const FIXTURE_USER = 'Xq3bJ2vN8kR1tY6uW0pLsA==';

/**
 * The signature signature-examples.json gives for a raw fixture.
 *
 * @example
 * fixtureSignature('inbound-text.raw'); // '81d70dc6…40be8'
 */
export function fixtureSignature(name: string): string {
  const example = jsonFixture<SignatureExamples>('signature-examples.json').examples.find((e) => e.raw_body_file === name);
  if (!example) throw new Error(`signature-examples.json has no signature for ${name}`);
  return example.expected_x_viber_content_signature;
}
