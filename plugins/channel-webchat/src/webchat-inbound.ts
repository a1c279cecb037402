import type { AttachmentRef, ContactAttributes, CoreCommandInput, Identity } from '@switchboard/events';
import { pendingAttributes } from './webchat-attributes';
import type { WidgetConfig } from './webchat-config';
import type { StoredMessage } from './webchat-message-store';
import type { WebchatRuntime } from './webchat-runtime';
import type { Visitor } from './webchat-visitor-store';

/** The identity type of a web chat visitor (one per browser, or per verified user of a widget). */
export const WEB_VISITOR_IDENTITY = 'web_visitor';
/** The identity type of a site's user verified by HMAC (`external_id`). */
export const WEB_USER_IDENTITY = 'web_user';

type Sender = CoreCommandInput<'core.message.record_inbound.v1'>['from'];

/**
 * Who the core is told wrote a message. The visitor's own identity is `web_visitor`; an
 * HMAC-verified user adds `web_user` (and `email` only when the site signed it too) as verified
 * identities, so the core links the visitor to that customer and their history on every channel.
 * A typed-in email is only a hint for agents; name, email and consent also become attributes,
 * beside those the page set (`setAttributes()`) that the contact does not have yet.
 *
 * @example
 * await channel.recordInbound({ thread: visitor.id, from: senderOf(visitor, widget), ... });
 */
export function senderOf(visitor: Visitor, widget: WidgetConfig): Sender {
  const verified: Identity[] = [];
  const hints: Identity[] = [];
  if (visitor.externalId !== null) verified.push({ type: WEB_USER_IDENTITY, value: visitor.externalId });
  if (visitor.email !== null) (visitor.emailVerified ? verified : hints).push({ type: 'email', value: visitor.email });
  // The page's names never start with `webchat.` (refused at the edge), so neither side overwrites the other.
  const attributes: ContactAttributes = { ...pendingAttributes(visitor), 'webchat.widget': widget.id };
  if (visitor.name !== null) attributes['webchat.name'] = visitor.name;
  if (visitor.email !== null) attributes['webchat.email'] = visitor.email;
  if (visitor.consent) attributes['webchat.consent'] = true;
  if (visitor.locale !== null) attributes['webchat.locale'] = visitor.locale.slice(0, 35);
  if (visitor.pageUrl !== null) attributes['webchat.pageUrl'] = visitor.pageUrl.slice(0, 1024);
  return { identity: { type: WEB_VISITOR_IDENTITY, value: visitor.id }, name: visitor.name, verified, hints, attributes };
}

/** A visitor's message ready for the core. */
export type VisitorMessage = { echoId: string; text: string; attachments: AttachmentRef[]; postback: { payload: string; title?: string } | undefined };

/**
 * Records a visitor's message in the core and in the plugin's history, once per `echo_id`: the
 * core de-duplicates on `<visitor id>:<echo_id>` as the provider message id, the plugin's table on
 * (visitor, echo_id). A retry after a crash between the two stores the missing row.
 *
 * @example
 * const { message, duplicate } = await recordVisitorMessage(runtime, visitor, widget, { echoId, text, attachments: [], postback: undefined });
 */
export async function recordVisitorMessage(
  runtime: Pick<WebchatRuntime, 'channel' | 'messages' | 'visitors' | 'now'>,
  visitor: Visitor,
  widget: WidgetConfig,
  input: VisitorMessage,
): Promise<{ message: StoredMessage; duplicate: boolean; visitor: Visitor }> {
  const existing = await runtime.messages.byEchoId(visitor.id, input.echoId);
  if (existing) return { message: existing, duplicate: true, visitor };
  const result = await runtime.channel.recordInbound({
    account: widget.id,
    thread: visitor.id,
    from: senderOf(visitor, widget),
    providerMessageId: `${visitor.id}:${input.echoId}`,
    text: input.text,
    attachmentIds: input.attachments.map((a) => a.id),
    ...(input.postback ? { content: { postback: input.postback } } : {}),
  });
  const message = await runtime.messages.insert({
    id: result.messageId,
    visitorId: visitor.id,
    conversationId: result.conversationId,
    author: 'visitor',
    senderName: visitor.name,
    text: input.text,
    attachments: input.attachments,
    content: input.postback ? { postback: input.postback } : null,
    echoId: input.echoId,
    createdAt: new Date(runtime.now()).toISOString(),
  });
  const moved = visitor.conversationId !== result.conversationId || visitor.contactId !== result.contactId || visitor.conversationStatus !== 'open';
  let updated = moved ? await runtime.visitors.update(visitor.id, { conversationId: result.conversationId, contactId: result.contactId, conversationStatus: 'open' }) : visitor;
  // The contact has the page's attributes now (unless the page set more meanwhile: those wait).
  if (visitor.pendingAttributes !== null) updated = await runtime.visitors.clearPendingAttributes(visitor.id, visitor.pendingAttributes);
  return { message, duplicate: result.duplicate, visitor: updated };
}
