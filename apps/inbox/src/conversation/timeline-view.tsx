import { useLayoutEffect, useMemo, useRef } from 'react';
import type { Agent, Team } from '../api/api-types';
import type { OutboxEntry } from '../composer/outbox';
import { useNow } from '../lib/use-now';
import { MessageBubble } from './message-bubble';
import { foldReactions } from './message-reactions';
import { SystemLine } from './system-line';
import { timelineItems, type TimelineState } from './timeline-merge';

type Props = {
  timeline: TimelineState;
  pending: readonly OutboxEntry[];
  agents: ReadonlyMap<string, Agent>;
  teams: ReadonlyMap<string, Team>;
  meId: string;
  contactName: string | null;
  onRetry(clientMessageId: string): void;
  onDiscard(clientMessageId: string): void;
  /** Sends a message that failed to deliver again (`POST …/messages/:id/retry`). */
  onRetryDelivery(messageId: string): Promise<void>;
};

/**
 * The conversation's one timeline across all legs, with replies still on their way at the end.
 * It sticks to the bottom while the agent is there and leaves the scroll alone when reading back.
 *
 * @example
 * <TimelineView timeline={snapshot.timeline} pending={pending} … />
 */
export function TimelineView({ timeline, pending, agents, teams, meId, contactName, onRetry, onDiscard, onRetryDelivery }: Props) {
  const now = useNow();
  const reactions = useMemo(() => foldReactions(timeline.messages.values(), contactName), [timeline, contactName]);
  // Reactions show under the message they react to, not as messages of their own.
  const items = useMemo(() => timelineItems(timeline).filter((item) => item.kind !== 'message' || !reactions.folded.has(item.message.id)), [timeline, reactions]);
  const known = useMemo(() => new Set([...timeline.messages.values()].map((m) => m.clientMessageId).filter(Boolean)), [timeline]);
  const waiting = pending.filter((p) => !known.has(p.clientMessageId));
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [items.length, waiting.length, timeline.conversationId]);

  return (
    <div
      ref={scrollRef}
      className="timeline"
      role="log"
      aria-label="Conversation timeline"
      aria-live="polite"
      aria-relevant="additions"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {items.map((item) =>
        item.kind === 'message' ? (
          <MessageBubble key={item.key} message={item.message} now={now} contactName={contactName} reactions={reactions.byTarget.get(item.message.id)} onRetryDelivery={onRetryDelivery} />
        ) : (
          <SystemLine key={item.key} event={item.event} agents={agents} teams={teams} now={now} meId={meId} />
        ),
      )}
      {waiting.map((p) => (
        <article key={p.clientMessageId} className={`msg ${p.kind === 'note' ? 'msg--note' : 'msg--out'} msg--pending${p.state === 'failed' ? ' msg--failed' : ''}`} aria-label={p.state === 'failed' ? 'Message not sent' : 'Message sending'}>
          <header className="msg__head">
            <span className="msg__sender">{p.kind === 'note' ? 'Private note' : 'You'}</span>
            <span className="msg__time">{p.state === 'failed' ? (p.retryable ? 'Not sent yet — retrying' : 'Not sent') : 'Sending…'}</span>
          </header>
          {p.text && <div className="msg__text">{p.text}</div>}
          {p.attachments.length > 0 && <div className="muted">📎 {p.attachments.map((a) => a.name).join(', ')}</div>}
          {p.state === 'failed' && (
            <div className="msg__error" role="alert">
              <span>{p.error}</span>
              <button className="btn btn--small" onClick={() => onRetry(p.clientMessageId)}>
                Retry
              </button>
              <button className="btn btn--small btn--ghost" onClick={() => onDiscard(p.clientMessageId)}>
                Discard
              </button>
            </div>
          )}
        </article>
      ))}
    </div>
  );
}
