import { memo, useState } from 'react';
import type { Message } from '../api/api-types';
import { channelInfo } from '../lib/channel-label';
import { fullTime, messageTime } from '../lib/time-format';
import { ChannelBadge } from '../ui/badges';
import { LockIcon } from '../ui/icons';
import { AttachmentView } from './attachment-view';
import { DeliveryTicks } from './delivery-ticks';
import { MessageContentView, ReactionChips, textRepeatsContent } from './message-content-view';
import type { ReactionChip } from './message-reactions';

type Props = {
  message: Message;
  now: number;
  contactName: string | null;
  /** Reactions to this message, shown under it. */
  reactions?: readonly ReactionChip[] | undefined;
  /** Sends a failed reply again; the ticks go back to queued and on from there. */
  onRetryDelivery?(messageId: string): Promise<void>;
};

/**
 * One message or private note: who, through which channel, when, the text with its line breaks,
 * attachments, structured content (place, contact cards, tapped button, quick replies), the
 * reactions it got, and for outbound replies the delivery state with the provider's reason on failure
 * and a Retry button.
 *
 * @example
 * <MessageBubble message={m} now={now} onRetryDelivery={retry} />
 */
export const MessageBubble = memo(function MessageBubble({ message: m, now, contactName, reactions, onRetryDelivery }: Props) {
  const [retrying, setRetrying] = useState(false);
  const isNote = m.private;
  const outbound = m.direction === 'outbound';
  const sender = m.sender.name ?? (m.sender.kind === 'contact' ? (contactName ?? 'Customer') : m.sender.kind === 'bot' ? 'Bot' : m.sender.kind === 'system' ? 'System' : 'Agent');
  const via = isNote ? 'private note' : `${outbound ? 'sent' : 'received'} via ${channelInfo(m.channel).label}`;
  const failed = m.delivery.state === 'failed';
  return (
    <article className={`msg ${isNote ? 'msg--note' : outbound ? 'msg--out' : 'msg--in'}${failed ? ' msg--failed' : ''}`} aria-label={`${isNote ? 'Note' : 'Message'} from ${sender}, ${via}, ${fullTime(m.createdAt)}`}>
      <header className="msg__head">
        {isNote && (
          <span className="msg__note-label">
            <LockIcon size={12} /> Private note
          </span>
        )}
        <span className="msg__sender">{sender}</span>
        {!isNote && <ChannelBadge channel={m.channel} />}
        <span className="visually-hidden">{outbound ? 'outbound' : 'inbound'}</span>
        <time className="msg__time" dateTime={m.createdAt} title={fullTime(m.createdAt)}>
          {messageTime(m.createdAt, now)}
        </time>
        {outbound && !isNote && <DeliveryTicks delivery={m.delivery} />}
      </header>
      {m.text && !textRepeatsContent(m) && <div className="msg__text">{m.text}</div>}
      <MessageContentView message={m} />
      {m.attachments.length > 0 && (
        <div className="msg__attachments">
          {m.attachments.map((a) => (
            <AttachmentView key={a.id} attachment={a} />
          ))}
        </div>
      )}
      {reactions && reactions.length > 0 && <ReactionChips reactions={reactions} />}
      {failed && (
        <div className="msg__error" role="note">
          <span>
            <span aria-hidden="true">⚠ </span>
            Not delivered{m.delivery.error ? `: ${m.delivery.error.message}` : ''}
            {m.delivery.error?.code ? <span className="muted"> ({m.delivery.error.code})</span> : null}
          </span>
          {outbound && !isNote && onRetryDelivery && (
            <button
              type="button"
              className="btn btn--small"
              disabled={retrying}
              onClick={() => {
                setRetrying(true);
                void onRetryDelivery(m.id).finally(() => setRetrying(false));
              }}
            >
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          )}
        </div>
      )}
    </article>
  );
});
