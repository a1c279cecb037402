import { fixtureJson } from './fixtures';

type Envelope = { entry: Array<{ changes: Array<{ value: Record<string, unknown> }> }> };

/**
 * A WhatsApp notification built from the `inbound-text.json` fixture with its message replaced,
 * for message types the fixtures do not cover (contacts, interactive replies, reactions…).
 *
 * @example
 * const body = withMessage({ id: 'wamid.X', type: 'reaction', reaction: { message_id: 'wamid.Y', emoji: '👍' } });
 */
export function withMessage(message: Record<string, unknown>, overrides: { timestamp?: number } = {}): Record<string, unknown> {
  const payload = fixtureJson<Envelope>('inbound-text.json');
  const value = payload.entry[0]!.changes[0]!.value;
  const base = (value.messages as Array<Record<string, unknown>>)[0]!;
  value.messages = [{ from: base.from, from_user_id: base.from_user_id, timestamp: String(overrides.timestamp ?? base.timestamp), ...message }];
  return payload as unknown as Record<string, unknown>;
}

/**
 * A fixture with every message timestamp set to `seconds` (unix), so a test's reply falls inside
 * the 24-hour window whatever day it runs.
 *
 * @example
 * const fresh = withTimestamp(fixtureJson('inbound-text.json'), Math.floor(Date.now() / 1000));
 */
export function withTimestamp<T>(payload: T, seconds: number): T {
  const copy = structuredClone(payload) as unknown as Envelope;
  for (const entry of copy.entry) for (const change of entry.changes) for (const m of (change.value.messages ?? []) as Array<Record<string, unknown>>) m.timestamp = String(seconds);
  return copy as unknown as T;
}

/**
 * A status notification for an outbound wamid, built from the fixture of that state.
 *
 * @example
 * const body = statusFor('status-read.json', 'wamid.ABC');
 */
export function statusFor(fixture: string, wamid: string): Record<string, unknown> {
  const payload = fixtureJson<Envelope>(fixture);
  for (const s of payload.entry[0]!.changes[0]!.value.statuses as Array<Record<string, unknown>>) s.id = wamid;
  return payload as unknown as Record<string, unknown>;
}
