import { memo } from 'react';
import { highlightParts } from '../lib/highlight';
import { fullTime, shortAge, waitingLabel } from '../lib/time-format';
import { Avatar, ChannelBadge, LabelChip, PriorityBadge, StatusBadge, WaitingBadge, statusLabel } from '../ui/badges';
import type { ListItem } from './conversation-list-reducer';

type Props = {
  conversation: ListItem;
  selected: boolean;
  now: number;
  /** The search, highlighted in the name and the preview. */
  query: string | null;
  index: number;
  total: number;
  onSelect(id: string): void;
};

/**
 * One row of the conversation list, all from the list item: contact, last message, channels,
 * unread count (bold while unread), priority, labels, waiting time, age, status.
 *
 * @example
 * <ConversationRow conversation={c} selected={c.id === id} … />
 */
export const ConversationRow = memo(function ConversationRow({ conversation: c, selected, now, query, index, total, onSelect }: Props) {
  const name = c.partial ? null : (c.contact.name ?? 'Unknown contact');
  const unread = c.unreadCount;
  const label = [
    name ?? 'Conversation',
    unread > 0 ? `${unread} unread` : null,
    c.priority === 'urgent' || c.priority === 'high' ? `${c.priority} priority` : null,
    c.status !== 'open' ? statusLabel(c.status) : null,
    c.waitingSince ? `waiting ${waitingLabel(c.waitingSince, now)}` : null,
    c.lastMessageText,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      role="option"
      id={`conv-${c.id}`}
      aria-selected={selected}
      aria-label={label}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`row${selected ? ' row--selected' : ''}${c.waitingSince ? ' row--waiting' : ''}${unread > 0 ? ' row--unread' : ''}`}
      onClick={() => onSelect(c.id)}
    >
      <Avatar name={name} id={c.contact.id} size={34} />
      <div className="row__body">
        <div className="row__top">
          <span className={`row__name${name ? '' : ' row__name--loading'}`}>{name ? <Highlighted text={name} query={query} /> : ' '}</span>
          {unread > 0 && (
            <span className="row__unread" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
          <time className="row__time" dateTime={c.lastActivityAt} title={fullTime(c.lastActivityAt)}>
            {shortAge(c.lastActivityAt, now)}
          </time>
        </div>
        <div className="row__preview">{c.lastMessageText ? <Highlighted text={c.lastMessageText} query={query} /> : <em>No messages yet</em>}</div>
        <div className="row__meta">
          {c.priority && <PriorityBadge priority={c.priority} />}
          {c.channels.map((ch) => (
            <ChannelBadge key={ch} channel={ch} />
          ))}
          {c.status !== 'open' && <StatusBadge status={c.status} />}
          {c.waitingSince && <WaitingBadge since={c.waitingSince} now={now} />}
          {c.labels.map((l) => (
            <LabelChip key={l} label={l} />
          ))}
        </div>
      </div>
    </div>
  );
});

function Highlighted({ text, query }: { text: string; query: string | null }) {
  if (!query) return <>{text}</>;
  return (
    <>
      {highlightParts(text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
