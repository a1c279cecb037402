import type { Message } from '../api/api-types';
import { openStreetMapUrl } from '../lib/open-street-map';
import type { ReactionChip } from './message-reactions';

/**
 * What a message carries besides text and files: a shared place (a card linking to
 * OpenStreetMap), contact cards, the button a customer tapped, a reaction whose message is not in
 * view, and the quick replies an agent or bot offered.
 *
 * @example
 * <MessageContentView message={m} />
 */
export function MessageContentView({ message: m }: { message: Message }) {
  const content = m.content;
  if (!content) return null;
  const { location, contacts = [], postback, reaction, quickReplies = [] } = content;
  return (
    <>
      {reaction && <div className="msg__reaction">{reaction.emoji ? `Reacted ${reaction.emoji}` : 'Removed a reaction'}</div>}
      {postback && (
        <div className="msg__postback">
          <span className="muted">Tapped</span>
          <span className="postback-button" title={`payload: ${postback.payload}`}>
            {postback.title || m.text || postback.payload}
          </span>
        </div>
      )}
      {location && (
        <a className="content-card content-card--location" href={openStreetMapUrl(location.latitude, location.longitude)} target="_blank" rel="noreferrer" aria-label={location.name ? `Location ${location.name} on OpenStreetMap` : 'Location on OpenStreetMap'}>
          <span className="content-card__icon" aria-hidden="true">
            📍
          </span>
          <span className="content-card__body">
            <span className="content-card__title">{location.name || 'Location'}</span>
            {location.address && <span className="content-card__line">{location.address}</span>}
            <span className="content-card__line muted">
              {location.latitude.toFixed(5)}, {location.longitude.toFixed(5)} · OpenStreetMap ↗
            </span>
          </span>
        </a>
      )}
      {contacts.map((card, i) => (
        <div key={i} className="content-card content-card--contact" role="group" aria-label={`Contact card ${card.name || 'without a name'}`}>
          <span className="content-card__icon" aria-hidden="true">
            👤
          </span>
          <span className="content-card__body">
            <span className="content-card__title">{card.name || 'Contact'}</span>
            {card.phones.map((phone) => (
              <a key={phone} className="content-card__line" href={`tel:${phone.replace(/[^+\d]/g, '')}`}>
                {phone}
              </a>
            ))}
            {card.emails.map((email) => (
              <a key={email} className="content-card__line" href={`mailto:${email}`}>
                {email}
              </a>
            ))}
          </span>
        </div>
      ))}
      {quickReplies.length > 0 && (
        <ul className="msg__quick-replies" aria-label="Quick replies offered">
          {quickReplies.map((q) => (
            <li key={q.payload} className="quick-reply" title={`payload: ${q.payload}`}>
              {q.title}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The emoji people reacted with under a message, each with how many and who.
 *
 * @example
 * <ReactionChips reactions={[{ emoji: '👍', count: 1, names: ['Dana'] }]} />
 */
export function ReactionChips({ reactions }: { reactions: readonly ReactionChip[] }) {
  return (
    <ul className="msg__reactions" aria-label="Reactions">
      {reactions.map((r) => (
        <li key={r.emoji} className="reaction-chip" title={r.names.join(', ')} aria-label={`${r.emoji} from ${r.names.join(', ')}`}>
          {r.emoji}
          {r.count > 1 && <span className="reaction-chip__count">{r.count}</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * Whether a message's text only repeats what its content shows (a reaction's emoji, a tapped
 * button's title), so the bubble shows it once.
 *
 * @example
 * if (!textRepeatsContent(m)) showText(m.text);
 */
export function textRepeatsContent(m: Message): boolean {
  const text = m.text.trim();
  if (!text || !m.content) return false;
  return text === m.content.reaction?.emoji || text === m.content.postback?.title;
}
