import { coreCommands, type ContactAttributes } from '@switchboard/events';
import { WebchatError, WebchatErrorCodes } from './webchat-errors';
import type { WebchatRuntime } from './webchat-runtime';
import { MAX_PAGE_ATTRIBUTES } from './webchat-schemas';
import type { Visitor } from './webchat-visitor-store';

/**
 * The attributes the visitor's page set that their contact does not have yet.
 *
 * @example
 * const attributes = { ...pendingAttributes(visitor), 'webchat.widget': widget.id };
 */
export function pendingAttributes(visitor: Pick<Visitor, 'pendingAttributes'>): ContactAttributes {
  return visitor.pendingAttributes ? (JSON.parse(visitor.pendingAttributes) as ContactAttributes) : {};
}

/**
 * Keeps attributes the page set (`setAttributes()`) on the visitor until their contact has them.
 * More than {@link MAX_PAGE_ATTRIBUTES} names waiting at once is a 422 (nothing stored).
 *
 * @example
 * visitor = await keepPendingAttributes(runtime, visitor, { plan: 'pro' });
 */
export async function keepPendingAttributes(runtime: Pick<WebchatRuntime, 'visitors'>, visitor: Visitor, attributes: ContactAttributes): Promise<Visitor> {
  if (Object.keys(attributes).length === 0) return visitor;
  const kept = await runtime.visitors.addPendingAttributes(visitor.id, attributes, MAX_PAGE_ATTRIBUTES);
  if ('visitor' in kept) return kept.visitor;
  throw new WebchatError({
    code: WebchatErrorCodes.INVALID_BODY,
    status: 422,
    message: `channel-webchat: at most ${MAX_PAGE_ATTRIBUTES} attributes may wait for the visitor's first message (this would make ${kept.tooMany})`,
    details: [{ path: 'attributes', message: `at most ${MAX_PAGE_ATTRIBUTES} attributes may wait for the visitor's first message` }],
  });
}

/**
 * Sets the visitor's pending attributes on their contact at once (`core.contact.set_attributes.v1`),
 * when there is a contact — that is, once the visitor has written. Before that they wait and go
 * with the first message (see `senderOf`). `applied` says whether the contact has them now.
 * A failure of the core is passed on; the attributes then stay pending.
 *
 * @example
 * const { visitor, applied } = await applyPendingAttributes(runtime, visitor);
 */
export async function applyPendingAttributes(runtime: Pick<WebchatRuntime, 'visitors' | 'bus'>, visitor: Visitor): Promise<{ visitor: Visitor; applied: boolean }> {
  const sent = visitor.pendingAttributes;
  if (!visitor.contactId) return { visitor, applied: false };
  if (sent === null) return { visitor, applied: true };
  const attributes = pendingAttributes(visitor);
  if (Object.keys(attributes).length > 0) {
    await runtime.bus.request('core.contact.set_attributes.v1', coreCommands['core.contact.set_attributes.v1'], {
      contactId: visitor.contactId,
      attributes,
      actor: { kind: 'plugin', id: 'channel-webchat' },
    });
  }
  return { visitor: await runtime.visitors.clearPendingAttributes(visitor.id, sent), applied: true };
}
