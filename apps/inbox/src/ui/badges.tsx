import type { CSSProperties } from 'react';
import type { ConversationStatus, Priority } from '../api/api-types';
import { channelInfo } from '../lib/channel-label';
import { hueOf, initials } from '../lib/initials';
import { waitingLabel, waitingLevel } from '../lib/time-format';
import { ClockIcon } from './icons';

/** A channel's name in a small tinted pill. */
export function ChannelBadge({ channel }: { channel: string | null }) {
  const info = channelInfo(channel);
  return (
    <span className="chip chip--channel" style={{ '--hue': info.hue } as CSSProperties}>
      {info.label}
    </span>
  );
}

const STATUS_LABEL: Record<ConversationStatus, string> = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

/** Human label of a status. */
export function statusLabel(status: ConversationStatus): string {
  return STATUS_LABEL[status];
}

/** A conversation status pill. */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`chip chip--status chip--${status}`}>{STATUS_LABEL[status]}</span>;
}

/** How long the customer has been waiting for an answer, coloured by urgency. */
export function WaitingBadge({ since, now }: { since: string; now: number }) {
  const label = waitingLabel(since, now);
  return (
    <span className={`chip chip--waiting chip--${waitingLevel(since, now)}`} title={`Waiting for a reply for ${label}`}>
      <ClockIcon size={11} className="chip__icon" />
      {label}
    </span>
  );
}

/** Round initials avatar with a stable colour. */
export function Avatar({ name, id, size = 32 }: { name: string | null | undefined; id: string; size?: number }) {
  return (
    <span className="avatar" style={{ '--hue': hueOf(id), width: size, height: size, fontSize: size * 0.4 } as CSSProperties} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

const PRIORITY_LABEL: Record<Priority, string> = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' };

/** Human label of a priority. */
export function priorityLabel(priority: Priority): string {
  return PRIORITY_LABEL[priority];
}

/** A priority pill: urgent and high stand out, medium and low stay quiet. */
export function PriorityBadge({ priority }: { priority: string }) {
  const label = PRIORITY_LABEL[priority as Priority] ?? priority;
  return (
    <span className={`chip chip--priority chip--priority-${priority}`} title={`${label} priority`}>
      <span aria-hidden="true">{priority === 'urgent' ? '⚑ ' : priority === 'high' ? '↑ ' : ''}</span>
      {label}
    </span>
  );
}

/** A conversation label. */
export function LabelChip({ label }: { label: string }) {
  return <span className="chip chip--label">{label}</span>;
}
