import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Attachment } from '../shared/webchat-protocol';
import type { ChatController } from './chat-controller';
import { formatTime } from './chat-format';
import type { Translate } from './chat-i18n';
import { initials, type ChatMessage } from './chat-messages';
import type { ChatState } from './chat-store';

type Props = { state: ChatState; chat: ChatController; t: Translate; children?: ComponentChildren };

function Avatar({ name }: { name: string | null }) {
  return (
    <span class="av" aria-hidden="true">
      {initials(name)}
    </span>
  );
}

function Attachments({ items, t }: { items: Attachment[]; t: Translate }) {
  return (
    <>
      {items.map((a) =>
        a.content_type.startsWith('image/') ? (
          <a key={a.id} class="img" href={a.url} target="_blank" rel="noopener noreferrer">
            <img src={a.url} alt={t('image', { name: a.name })} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} class="file" href={a.url} target="_blank" rel="noopener noreferrer" download={a.name}>
            <span aria-hidden="true">📄</span> {a.name}
          </a>
        ),
      )}
    </>
  );
}

const STATUS_KEY = { queued: 'queued', sending: 'sending', sent: 'sent', read: 'read', failed: 'failed' } as const;

function Bubble({ message, first, showStatus, chat, t }: { message: ChatMessage; first: boolean; showStatus: boolean; chat: ChatController; t: Translate }) {
  const mine = message.author === 'visitor';
  const who = mine ? t('you') : (message.name ?? t('team'));
  return (
    <article class={`msg ${mine ? 'me' : 'them'}${first ? ' first' : ''}`} data-status={mine ? message.status : undefined}>
      {!mine && (first ? <Avatar name={who} /> : <span class="av sp" aria-hidden="true" />)}
      <div class="bd">
        {first && !mine ? (
          <div class="nm">{who}</div>
        ) : (
          <span class="sr">{t('said', { name: who })} </span>
        )}
        {message.text && <p class="tx">{message.text}</p>}
        <Attachments items={message.attachments} t={t} />
        <div class="meta">
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, t.locale)}</time>
          {mine && (showStatus || message.status === 'queued' || message.status === 'sending' || message.status === 'failed') && (
            <span class={`st ${message.status}`}>
              {' · '}
              {t(STATUS_KEY[message.status])}
            </span>
          )}
          {message.status === 'failed' && (
            <button type="button" class="link" onClick={() => chat.retry(message.key)}>
              {t('retry')}
            </button>
          )}
        </div>
      </div>
    </article>
  );
}

/** A message from the team that is not stored: the greeting, a proactive invitation. */
function TeamNote({ text, name, t }: { text: string; name: string; t: Translate }) {
  return (
    <article class="msg them first local">
      <Avatar name={name} />
      <div class="bd">
        <div class="nm">{name}</div>
        <p class="tx">{text}</p>
      </div>
      <span class="sr">{t('team')}</span>
    </article>
  );
}

/**
 * The conversation as a live log: greeting, messages grouped by author with avatar initials,
 * delivery state on the visitor's own, attachments, quick replies on the newest bot or agent
 * message, and the agent's typing. Stays scrolled to the newest message unless the visitor
 * scrolled up to read.
 *
 * @example
 * <Timeline state={state} chat={chat} t={t} />
 */
export function Timeline({ state, chat, t, children }: Props) {
  const log = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = log.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  });
  const team = state.widget?.name || t('team');
  const online = state.availability?.online !== false;
  const greeting = online ? (state.widget?.greeting ?? t('greeting')) : (state.widget?.offline_greeting ?? t('offlineGreeting'));
  const messages = state.messages;
  const last = messages[messages.length - 1];
  const lastMine = [...messages].reverse().find((m) => m.author === 'visitor');
  return (
    <div
      class="log"
      ref={log}
      role="log"
      aria-label={t('messages')}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {state.hasMore ? (
        <button type="button" class="more" onClick={() => void chat.loadEarlier()}>
          {t('earlier')}
        </button>
      ) : (
        <TeamNote text={greeting} name={team} t={t} />
      )}
      {state.invite && <TeamNote text={state.invite} name={team} t={t} />}
      {messages.map((m, i) => (
        <Bubble key={m.key} message={m} first={i === 0 || messages[i - 1]!.author !== m.author || messages[i - 1]!.name !== m.name} showStatus={m === lastMine} chat={chat} t={t} />
      ))}
      {last && last.author !== 'visitor' && last.quickReplies && (
        <div class="qr" role="group" aria-label={last.text || t('team')}>
          {last.quickReplies.map((q) => (
            <button key={q.payload} type="button" onClick={() => chat.send(q.title, [], { payload: q.payload, title: q.title })}>
              {q.title}
            </button>
          ))}
        </div>
      )}
      {state.conversation?.status === 'resolved' && (!last || last.author !== 'visitor' || last.seq !== null) && (
        <p class="sys" role="note">
          {t('resolved')}
        </p>
      )}
      {children}
      <div class="typing" role="status">
        {state.agentTyping !== null && (
          <>
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('typing', { name: state.agentTyping || team })}
          </>
        )}
      </div>
    </div>
  );
}
