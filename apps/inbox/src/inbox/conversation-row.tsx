import { memo } from 'react';
import type { Conversation } from '../api/api-types';
import { fullTime, shortAge, waitingLabel } from '../lib/time-format';
import { Avatar, ChannelBadge, StatusBadge, WaitingBadge, statusLabel } from '../ui/badges';
import { useSummary, type SummaryCache } from './conversation-summaries';

type Props = {
  conversation: Conversation;
  selected: boolean;
  now: number;
  summaries: SummaryCache;
  index: number;
  total: number;
  onSelect(id: string): void;
};

/**
 * One row of the conversation list: contact, last message, channels, waiting time, age, status.
 *
 * @example
 * <ConversationRow conversation={c} selected={c.id === id} … />
 */
export const ConversationRow = memo(function ConversationRow({ conversation: c, selected, now, summaries, index, total, onSelect }: Props) {
  const summary = useSummary(summaries, c.id);
  const name = summary?.contactName ?? (summary ? 'Unknown contact' : null);
  const label = [
    name ?? 'Conversation',
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
      className={`row${selected ? ' row--selected' : ''}${c.waitingSince ? ' row--waiting' : ''}`}
      onClick={() => onSelect(c.id)}
    >
      <Avatar name={name} id={c.contactId} size={34} />
      <div className="row__body">
        <div className="row__top">
          <span className={`row__name${name ? '' : ' row__name--loading'}`}>{name ?? ' '}</span>
          <time className="row__time" dateTime={c.lastActivityAt} title={fullTime(c.lastActivityAt)}>
            {shortAge(c.lastActivityAt, now)}
          </time>
        </div>
        <div className="row__preview">{c.lastMessageText ?? <em>No messages yet</em>}</div>
        <div className="row__meta">
          {summary?.channels.map((ch) => <ChannelBadge key={ch} channel={ch} />)}
          {c.status !== 'open' && <StatusBadge status={c.status} />}
          {c.waitingSince && <WaitingBadge since={c.waitingSince} now={now} />}
        </div>
      </div>
    </div>
  );
});
