import type { Identity, RecordInboundInputSchema } from '@switchboard/events';
import type * as v from 'valibot';
import type { Tx } from '../db/write-queue';
import { patchContactAttributes, recordContactDetails } from './contact-details';
import { distinctIdentities, normaliseIdentity, normaliseLoosely } from './contact-identity-normalise';
import { linkVerifiedIdentities } from './contact-verified';
import type { EventContext } from './event-journal';

type From = v.InferOutput<typeof RecordInboundInputSchema>['from'];

/** A sender's identities, normalised: the one it wrote from, those its channel verified, and hints. */
export type NormalisedSender = { identity: Identity; verified: Identity[]; hints: Identity[] };

/**
 * Normalises everything a channel says about who wrote (see normaliseIdentity), before anything
 * is written: an identity or verified identity that is no phone number or email fails the message
 * with `SWB_ERR_IDENTITY_INVALID`; a hint that cannot be normalised is kept as typed.
 *
 * @example
 * const sender = normaliseSender({ identity: { type: 'whatsapp', value: '15550100' }, verified: [{ type: 'phone', value: '15550100' }], hints: [] });
 */
export function normaliseSender(from: From): NormalisedSender {
  const identity = normaliseIdentity(from.identity);
  const verified = distinctIdentities(from.verified, [identity]);
  const hints = distinctIdentities(from.hints, [identity, ...verified], normaliseLoosely);
  return { identity, verified, hints };
}

/**
 * Applies what a channel knows about a sender besides the identity it wrote from, in the message's
 * transaction: verified identities are linked (merging contacts they prove to be one person),
 * hints kept as unverified details, attributes merged in. Returns the sender's contact afterwards
 * (the survivor, when a merge happened).
 *
 * @example
 * const contactId = await applySenderFacts(tx, senderId, sender, input.from.attributes, input.channel, now, ctx);
 */
export async function applySenderFacts(
  tx: Tx,
  contactId: string,
  sender: NormalisedSender,
  attributes: From['attributes'],
  channel: string,
  now: string,
  context: EventContext,
): Promise<string> {
  const current = sender.verified.length > 0 ? await linkVerifiedIdentities(tx, contactId, sender.verified, channel, now, context) : contactId;
  if (sender.hints.length > 0) await recordContactDetails(tx, current, sender.hints, channel, now);
  if (attributes && Object.keys(attributes).length > 0) await patchContactAttributes(tx, current, attributes, now);
  return current;
}
