import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiError } from '../api/api-error';
import { useSignedIn } from '../auth/session-context';
import { Composer, type ComposerMode } from '../composer/composer';
import { ComposerActions, availableComposerActions } from '../composer/composer-actions';
import { defaultViaKey, viaOptions } from '../composer/reply-via';
import { ReplyViaPicker } from '../composer/reply-via-picker';
import { ContactPanel } from '../contact/contact-panel';
import { channelInfo } from '../lib/channel-label';
import { useNow } from '../lib/use-now';
import { useAgents, useCapabilities, useTeams } from '../shell/directory';
import { useInboxData } from '../shell/inbox-context';
import { useShortcut } from '../shortcuts/shortcuts';
import { ChannelBadge, StatusBadge } from '../ui/badges';
import { AlertIcon, ArrowLeftIcon, ClockIcon, InfoIcon } from '../ui/icons';
import { useToast } from '../ui/toast';
import { ConversationActions } from './conversation-actions';
import { legWindow, replyWindow, replyWindowMessage } from './reply-window';
import { TimelineView } from './timeline-view';
import { TriageBar } from './triage-bar';
import { TypingIndicator } from './typing-indicator';
import { useConversation } from './use-conversation';

type Props = { conversationId: string; basePath: string; query?: string; onBack(): void };

/**
 * The open conversation: header with actions and triage (team, priority, labels), the timeline
 * with who is typing, the reply-window notice, the composer with plugins' actions, and the
 * contact panel. Opening it marks it read, and it stays read while new messages arrive.
 *
 * @example
 * <ConversationPane conversationId={id} basePath="/mine" onBack={() => navigate('/mine')} />
 */
export function ConversationPane({ conversationId, basePath, query = '', onBack }: Props) {
  const { api, agent: me } = useSignedIn();
  const { outbox, reads, typing } = useInboxData();
  const toast = useToast();
  const { snapshot, store } = useConversation(conversationId);
  const { agents, byId: agentsById } = useAgents();
  const { byId: teamsById } = useTeams();
  const capabilities = useCapabilities();
  const now = useNow();
  const outboxEntries = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot, outbox.getSnapshot);
  const pending = useMemo(() => outboxEntries.filter((e) => e.conversationId === conversationId), [outboxEntries, conversationId]);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [contactOpen, setContactOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const detail = snapshot.detail;
  const loaded = detail !== null;
  const queryClient = useQueryClient();
  const [via, setVia] = useState<string | null>(null);
  const legIds = detail?.legs.map((l) => l.id).join(',') ?? '';
  // Where a reply can go besides the legs: asked again when the legs change.
  const replyOptions = useQuery({
    queryKey: ['reply-options', conversationId, legIds],
    queryFn: ({ signal }) => api.replyOptions(conversationId, signal),
    enabled: loaded,
    staleTime: 30_000,
  });

  useEffect(() => outbox.onSent((message) => message.conversationId === conversationId && store.addMessage(message)), [outbox, store, conversationId]);
  useEffect(() => {
    setContactOpen(false);
    setVia(null);
  }, [conversationId]);
  // Read when opened (once loaded), and while open as new messages come in.
  useEffect(() => (loaded ? reads.open(conversationId) : undefined), [loaded, reads, conversationId]);

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
  const options = viaOptions(detail.legs, replyOptions.data?.items ?? []);
  const chosen = options.find((o) => o.key === via) ?? options.find((o) => o.key === defaultViaKey(detail.legs)) ?? null;
  // The warning follows the leg the reply would take: the chosen one, else the server's choice.
  const windowState = chosen ? legWindow(chosen, now) : replyWindow(detail.legs, now);
  const windowText = replyWindowMessage(windowState, windowState.kind === 'none' ? '' : channelInfo(windowState.leg.channel).label);
  const composerActions = availableComposerActions(capabilities, channels);
  const replyBlocked = options.length === 0 ? 'No channel to reply on' : windowState.kind === 'closed' ? (composerActions.length ? 'Reply window closed — use a plugin action' : 'Reply window closed') : null;

  /** The leg of the chosen "Reply via", opening it first when it is a new one. */
  async function resolveLegId(): Promise<string | undefined | null> {
    if (!chosen || via === null) return undefined;
    if (chosen.kind === 'leg') return chosen.legId ?? undefined;
    try {
      const { leg } = await api.openLeg(conversationId, { channel: chosen.channel, account: chosen.account, ...(chosen.identity ? { identity: chosen.identity } : {}) });
      setVia(`leg:${leg.id}`);
      void queryClient.invalidateQueries({ queryKey: ['reply-options', conversationId] });
      return leg.id;
    } catch (err) {
      toast.show(`Could not open ${chosen.label}: ${(err as ApiError).message}`, 'error');
      return null;
    }
  }

  async function retryDelivery(messageId: string) {
    try {
      await api.retryMessage(conversationId, messageId);
      toast.show('Sending again');
    } catch (err) {
      toast.show((err as ApiError).message, 'error');
    }
  }

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
        <TriageBar detail={detail} onChanged={(seq) => store.catchUp(seq)} />
        <TimelineView
          timeline={snapshot.timeline}
          pending={pending}
          agents={agentsById}
          teams={teamsById}
          meId={me.id}
          contactName={contactName}
          onRetry={(id) => outbox.retry(id)}
          onDiscard={(id) => outbox.discard(id)}
          onRetryDelivery={retryDelivery}
        />
        <TypingIndicator store={typing} conversationId={conversationId} contactName={contactName} />
        {windowText && (
          <div className={`window-notice window-notice--${windowState.kind}`} role={windowState.kind === 'closed' ? 'alert' : 'note'}>
            {windowState.kind === 'closed' ? <AlertIcon size={14} /> : <ClockIcon size={14} />}
            <span>{windowText}</span>
          </div>
        )}
        <Composer
          conversationId={conversationId}
          mode={mode}
          onModeChange={setMode}
          textareaRef={textareaRef}
          disabledReason={mode === 'reply' ? replyBlocked : null}
          replyVia={<ReplyViaPicker options={options} value={chosen?.key ?? null} onChange={setVia} now={now} />}
          resolveLegId={resolveLegId}
          actions={<ComposerActions actions={composerActions} conversationId={conversationId} />}
        />
      </section>
      <ContactPanel detail={detail} basePath={basePath} query={query} onClose={() => setContactOpen(false)} />
    </div>
  );
}
