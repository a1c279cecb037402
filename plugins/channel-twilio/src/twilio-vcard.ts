import type { MessageContent } from '@switchboard/events';

type SharedContact = NonNullable<MessageContent['contacts']>[number];

const MAX_CONTACTS = 20;

function unescape(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c)).trim();
}

/**
 * Reads the contact cards of a vCard file (WhatsApp shares contacts through Twilio as a
 * `text/vcard` media item): each card's name, phone numbers and emails. Cards without a name get
 * their first phone or email as name; cards with nothing are skipped. The result is content, never
 * an identity: a shared card says nothing verified about the sender.
 *
 * @example
 * parseVCards('BEGIN:VCARD\nFN:Ada Lovelace\nTEL;TYPE=CELL:+44 20 7946 0018\nEND:VCARD');
 * // [{ name: 'Ada Lovelace', phones: ['+44 20 7946 0018'], emails: [] }]
 */
export function parseVCards(text: string): SharedContact[] {
  // Folded lines continue with a space or tab (RFC 6350 §3.2).
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  const cards: SharedContact[] = [];
  let card: { fn?: string; n?: string; phones: string[]; emails: string[] } | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = (line.slice(0, colon).split(';')[0] ?? '').split('.').at(-1)?.toUpperCase() ?? '';
    const value = line.slice(colon + 1);
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VCARD') card = { phones: [], emails: [] };
    else if (!card) continue;
    else if (name === 'END') {
      const display = card.fn || card.n || card.phones[0] || card.emails[0];
      if (display && cards.length < MAX_CONTACTS) {
        cards.push({ name: display.slice(0, 256), phones: card.phones.slice(0, 10), emails: card.emails.slice(0, 10) });
      }
      card = null;
    } else if (name === 'FN') card.fn = unescape(value);
    else if (name === 'N') card.n = value.split(';').map(unescape).filter(Boolean).reverse().join(' ');
    else if (name === 'TEL' && unescape(value)) card.phones.push(unescape(value).replace(/^tel:/i, '').slice(0, 64));
    else if (name === 'EMAIL' && unescape(value)) card.emails.push(unescape(value).slice(0, 320));
  }
  return cards;
}
