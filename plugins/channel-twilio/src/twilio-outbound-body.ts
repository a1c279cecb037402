import type { MessageContent } from '@switchboard/events';
import type { TwilioChannelKind } from './twilio-address';

/** The text part of a Messages API request. */
export type OutboundBody = {
  body: string;
  /** WhatsApp's location pin: `geo:<lat>,<lng>|<label>`. */
  persistentAction: string | null;
};

/**
 * Turns an agent's message into what Twilio can carry. Neither SMS nor free-form WhatsApp has
 * buttons without a pre-approved Content template, so quick replies become a numbered list under
 * the text; a location is a pin on WhatsApp (`PersistentAction`) and a map link on SMS; shared
 * contact cards become lines of text.
 *
 * @example
 * composeOutboundBody('sms', 'Pick one', { quickReplies: [{ title: 'Yes', payload: 'y' }, { title: 'No', payload: 'n' }] });
 * // { body: 'Pick one\n\n1. Yes\n2. No', persistentAction: null }
 */
export function composeOutboundBody(kind: TwilioChannelKind, text: string, content: MessageContent | undefined): OutboundBody {
  const parts = [text.trim() ? text : ''];
  let persistentAction: string | null = null;
  const location = content?.location;
  if (location) {
    const label = [location.name, location.address].filter(Boolean).join(', ');
    const point = `${location.latitude},${location.longitude}`;
    if (kind === 'whatsapp') {
      persistentAction = `geo:${point}${label ? `|${label}` : ''}`;
      if (!parts[0]) parts[0] = label || 'Location';
    } else {
      parts.push(`📍 ${label ? `${label} ` : ''}https://www.google.com/maps/search/?api=1&query=${point}`);
    }
  }
  for (const card of content?.contacts ?? []) {
    parts.push(`👤 ${[card.name, ...(card.phones ?? []), ...(card.emails ?? [])].join(', ')}`);
  }
  const replies = content?.quickReplies ?? [];
  if (replies.length > 0) parts.push(replies.map((reply, i) => `${i + 1}. ${reply.title}`).join('\n'));
  return { body: parts.filter(Boolean).join('\n\n'), persistentAction };
}
