import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useSignedIn } from '../auth/session-context';
import { Composer, type ComposerMode } from '../composer/composer';
import { ContactPanel } from '../contact/contact-panel';
import { useInboxData } from '../shell/inbox-context';
import { useShortcut } from '../shortcuts/shortcuts';
import { ChannelBadge, StatusBadge } from '../ui/badges';
import { ArrowLeftIcon, InfoIcon } from '../ui/icons';
import { ConversationActions } from './conversation-actions';
import { TimelineView } from './timeline-view';
import { useConversation } from './use-conversation';

type Props = { conversationId: string; basePath: string; onBack(): void };

/**
 * The open conversation: header with actions, the timeline, the composer, the contact panel.
 *
 * @example
 * <ConversationPane conversationId={id} basePath="/mine" onBack={() => navigate('/mine')} />
 */
export function ConversationPane({ conversationId, basePath, onBack }: Props) {
  const { api, agent: me } = useSignedIn();
  const { outbox, summaries } = useInboxData();
  const { snapshot, store } = useConversation(conversationId);
  const agentsQuery = useQuery({ queryKey: ['agents'], queryFn: () => api.listAgents(), staleTime: 60_000 });
  const agents = useMemo(() => agentsQuery.data?.items ?? [], [agentsQuery.data]);
  const agentsById = useMemo(() => new Map(agents.map((a) => [a.id, a])), [agents]);
  const outboxEntries = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot, outbox.getSnapshot);
  const pending = useMemo(() => outboxEntries.filter((e) => e.conversationId === conversationId), [outboxEntries, conversationId]);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [contactOpen, setContactOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const detail = snapshot.detail;

  useEffect(() => outbox.onSent((message) => message.conversationId === conversationId && store.addMessage(message)), [outbox, store, conversationId]);
  useEffect(() => {
    if (detail) summaries.put(detail);
  }, [detail, summaries]);
  useEffect(() => setContactOpen(false), [conversationId]);

  useShortcut('r', () => {
    setMode('reply');
    textareaRef.current?.focus();
  });
  useShortcut('n', () => {
    setMode('note');
    textareaRef.current?.focus();
  });

  if (snapshot.error && !detail) {
    return (
      <section className="pane pane--empty" aria-label="Conversation">
        <p role="alert">{snapshot.error.status === 404 ? 'This conversation does not exist (anymore).' : `Could not load the conversation: ${snapshot.error.message}`}</p>
        <button className="btn" onClick={() => store.reload()}>
          Try again
        </button>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="pane pane--empty" aria-label="Conversation" aria-busy="true">
        <p className="muted">Loading conversation…</p>
      </section>
    );
  }

  const channels = [...new Set(detail.legs.map((l) => l.channel))];
  const contactName = detail.contact.name;
  return (
    <div className={`conversation${contactOpen ? ' conversation--contact-open' : ''}`}>
      <section className="pane" aria-label={`Conversation with ${contactName ?? 'unknown contact'}`}>
        <header className="pane__head">
          <button className="icon-btn pane__back" onClick={onBack} aria-label="Back to the list">
            <ArrowLeftIcon />
          </button>
          <div className="pane__title">
            <h1>{contactName ?? 'Unknown contact'}</h1>
            <div className="pane__sub">
              <StatusBadge status={detail.status} />
              {channels.map((c) => (
                <ChannelBadge key={c} channel={c} />
              ))}
              {detail.status === 'snoozed' && detail.snoozedUntil && <span className="muted small">until {new Date(detail.snoozedUntil).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</span>}
            </div>
          </div>
          <ConversationActions detail={detail} agents={agents} onChanged={(seq) => store.catchUp(seq)} />
          <button className="icon-btn pane__info" onClick={() => setContactOpen((v) => !v)} aria-label="Contact details" aria-expanded={contactOpen}>
            <InfoIcon />
          </button>
        </header>
        <TimelineView
          timeline={snapshot.timeline}
          pending={pending}
          agents={agentsById}
          meId={me.id}
          contactName={contactName}
          onRetry={(id) => outbox.retry(id)}
          onDiscard={(id) => outbox.discard(id)}
        />
        <Composer conversationId={conversationId} mode={mode} onModeChange={setMode} textareaRef={textareaRef} disabledReason={detail.legs.length === 0 && mode === 'reply' ? 'No channel to reply on' : null} />
      </section>
      <ContactPanel detail={detail} basePath={basePath} onClose={() => setContactOpen(false)} />
    </div>
  );
}
