import type { PluginAttachments } from '@switchboard/plugin-sdk';
import type { Author, StoredMessage } from './webchat-message-store';

/** An attachment as the widget gets it: with a signed download URL. */
export type WireAttachment = { id: string; name: string; content_type: string; size: number; url: string };

/** A message as the widget gets it (PROTOCOL.md §3.5). */
export type WireMessage = {
  seq: number;
  id: string;
  conversation_id: string;
  author: Author;
  sender: { kind: 'contact' | 'agent' | 'bot' | 'system'; name: string | null };
  text: string;
  echo_id: string | null;
  attachments: WireAttachment[];
  quick_replies?: Array<{ title: string; payload: string }>;
  postback: { payload: string; title?: string } | null;
  status: 'sent' | 'delivered' | 'read';
  created_at: string;
};

/** How long attachment links in history and events stay valid. */
export const ATTACHMENT_URL_TTL_SECONDS = 3600;

/**
 * Turns a stored message into the widget's shape, signing its attachment links. The status of
 * the visitor's own messages comes from the agents' read watermark; agents' messages carry
 * whether the visitor got or saw them.
 *
 * @example
 * const wire = await toWireMessage(stored, ctx.attachments, visitor.agentReadSeq);
 */
export async function toWireMessage(message: StoredMessage, attachments: Pick<PluginAttachments, 'signedUrl'>, agentReadSeq: number): Promise<WireMessage> {
  const signed = await Promise.all(
    message.attachments.map(async (ref) => ({ id: ref.id, name: ref.name, content_type: ref.contentType, size: ref.size, url: await attachments.signedUrl(ref.id, ATTACHMENT_URL_TTL_SECONDS) })),
  );
  const ownMessage = message.author === 'visitor';
  const status: WireMessage['status'] = ownMessage ? (message.seq <= agentReadSeq ? 'read' : 'sent') : message.read ? 'read' : message.delivered ? 'delivered' : 'sent';
  const postback = message.content?.postback ?? null;
  return {
    seq: message.seq,
    id: message.id,
    conversation_id: message.conversationId,
    author: message.author,
    sender: { kind: message.author === 'visitor' ? 'contact' : message.author, name: message.senderName },
    text: message.text,
    echo_id: message.echoId,
    attachments: signed,
    ...(message.content?.quickReplies?.length ? { quick_replies: message.content.quickReplies.map(({ title, payload }) => ({ title, payload })) } : {}),
    postback: postback ? { payload: postback.payload, ...(postback.title !== undefined ? { title: postback.title } : {}) } : null,
    status,
    created_at: message.createdAt,
  };
}
