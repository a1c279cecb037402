import type { Identity } from '@switchboard/events';
import parsePhoneNumber from 'libphonenumber-js';
import { CoreError, CoreErrorCodes } from '../errors';

/** Identity types whose value is a phone number: stored in E.164, and the same number across them. */
export const PHONE_IDENTITY_TYPES: readonly string[] = ['phone', 'whatsapp'];

/**
 * An identity as the core stores and compares it: phone numbers (`phone`, `whatsapp`) in E.164,
 * emails trimmed and lower-cased, everything else as the channel gave it. Two channels that spell
 * one number differently (`+1 (555) 010-0199`, `0015550100199`, a WhatsApp `wa_id` without `+`)
 * thus name one person. Throws `SWB_ERR_IDENTITY_INVALID` for a value that is no phone number or
 * email at all: a channel bug to fix, not something to store.
 *
 * @example
 * normaliseIdentity({ type: 'whatsapp', value: '15550100199' }); // { type: 'whatsapp', value: '+15550100199' }
 * normaliseIdentity({ type: 'email', value: ' Kim@Example.COM ' }); // { type: 'email', value: 'kim@example.com' }
 */
export function normaliseIdentity(identity: Identity): Identity {
  const value = normaliseValue(identity);
  if (value === null) {
    const expected = identity.type === 'email' ? 'an email address' : 'a phone number in international format (E.164, e.g. +15550100)';
    throw new CoreError({
      code: CoreErrorCodes.IDENTITY_INVALID,
      message: `identity ${identity.type} "${identity.value}" is not ${expected}; send it normalised or fix the channel's mapping`,
      status: 422,
    });
  }
  return { type: identity.type, value };
}

/**
 * Like {@link normaliseIdentity}, but keeps a value that cannot be normalised as it was typed
 * (trimmed): for unverified details and searches, where a half-typed number is still worth showing.
 *
 * @example
 * normaliseLoosely({ type: 'phone', value: '0171 1234567' }); // { type: 'phone', value: '0171 1234567' } (no country to go by)
 */
export function normaliseLoosely(identity: Identity): Identity {
  return { type: identity.type, value: normaliseValue(identity) ?? identity.value.trim() };
}

/**
 * The distinct normalised identities of a list, without those in `except` (type and value equal).
 *
 * @example
 * distinctIdentities([{ type: 'phone', value: '+1 555 0100' }, { type: 'phone', value: '+15550100' }], []); // one
 */
export function distinctIdentities(identities: readonly Identity[], except: readonly Identity[], normalise: (i: Identity) => Identity = normaliseIdentity): Identity[] {
  const seen = new Set(except.map(identityKey));
  const out: Identity[] = [];
  for (const raw of identities) {
    const identity = normalise(raw);
    const key = identityKey(identity);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(identity);
  }
  return out;
}

/**
 * A stable key for maps and sets of identities.
 *
 * @example
 * identityKey({ type: 'phone', value: '+15550100' }); // 'phone:+15550100'
 */
export function identityKey(identity: Identity): string {
  return `${identity.type}:${identity.value}`;
}

/**
 * What a search for `q` may mean in stored identity values: the words as typed, and, when they
 * look like a phone number, its digits as E.164 stores them (`555 010-0199` finds `+15550100199`).
 *
 * @example
 * identitySearchTerms('+1 (555) 010-0199'); // ['+1 (555) 010-0199', '15550100199']
 */
export function identitySearchTerms(q: string): string[] {
  const terms = [q.trim()];
  if (/^[+\d(][\d\s().-]{3,}$/.test(q.trim())) {
    const digits = q.replace(/\D/g, '');
    if (digits && !terms.includes(digits)) terms.push(digits);
  }
  if (q.includes('@')) {
    const lower = q.trim().toLowerCase();
    if (!terms.includes(lower)) terms.push(lower);
  }
  return terms;
}

function normaliseValue(identity: Identity): string | null {
  const value = identity.value.trim();
  if (PHONE_IDENTITY_TYPES.includes(identity.type)) return toE164(value);
  if (identity.type === 'email') {
    const lower = value.toLowerCase();
    return /^[^\s@]+@[^\s@]+$/.test(lower) ? lower : null;
  }
  return value || null;
}

function toE164(value: string): string | null {
  if (!/^[+\d][\d\s().\-/]*$/.test(value)) return null;
  let international = value.replace(/[\s().\-/]/g, '');
  // `00` is the international prefix in most of the world; digits alone are a number with its
  // country code but without `+` (WhatsApp's wa_id, many providers' webhooks).
  if (international.startsWith('00')) international = `+${international.slice(2)}`;
  else if (!international.startsWith('+')) international = `+${international}`;
  const parsed = parsePhoneNumber(international);
  // Lenient on purpose: test and short numbers (+15550100) are not "valid" for libphonenumber,
  // yet they are what a carrier delivered from. The country code must exist, though.
  if (!parsed || parsed.nationalNumber.length < 4) return null;
  return parsed.number;
}
