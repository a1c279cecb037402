import { useEffect, useMemo, useState } from 'preact/hooks';
import { brandColors } from '../shared/widget-colors';
import type { ChatController } from './chat-controller';
import { availabilityLine } from './chat-format';
import { createTranslator, pickLocale } from './chat-i18n';
import { initials } from './chat-messages';
import { Composer } from './chat-composer';
import { Csat, EmailAsk, PreChat } from './chat-forms';
import { Timeline } from './chat-timeline';
import { useChatState } from './chat-use-state';

/**
 * The chat panel: header (who answers, when they answer, close), connection banners, then the
 * pre-chat form or the conversation with its cards (leave your email, rating), and the composer.
 *
 * @example
 * render(<ChatApp chat={chat} onClose={() => bridge.send({ type: 'close' })} />, document.body);
 */
export function ChatApp({ chat, onClose }: { chat: ChatController; onClose: () => void }) {
  const state = useChatState(chat.store);
  const [skipped, setSkipped] = useState(false);
  const locale = pickLocale(state.widget?.locale ?? navigator.language);
  const t = useMemo(() => createTranslator(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const [primary, text] = brandColors(state.widget?.colors.primary, state.widget?.colors.on_primary);
  const agent = [...state.messages].reverse().find((m) => m.author === 'agent' && m.name)?.name ?? null;
  const title = agent ?? (state.widget?.name || t('chat'));
  const hasOwn = state.messages.some((m) => m.author === 'visitor');
  const preChat = state.widget !== null && state.preChat.mode !== 'off' && !state.preChat.completed && !state.verified && !hasOwn && !(skipped && state.preChat.mode === 'optional');

  return (
    <div class="chat" style={{ '--c': primary, '--t': text }}>
      <header class="head">
        <span class="av big" aria-hidden="true">
          {initials(title)}
        </span>
        <div class="who">
          <h1>{title}</h1>
          <p>{availabilityLine(state.availability, t)}</p>
        </div>
        <button type="button" class="icon x" aria-label={t('close')} onClick={onClose}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>
      <div role="status" class="banner">
        {!state.online ? t('offline') : state.phase === 'broken' ? t('error') : state.phase === 'failed' || (state.phase === 'ready' && !state.connected && hasOwn) ? t('reconnecting') : ''}
      </div>
      {preChat ? (
        <PreChat state={state} chat={chat} t={t} onSkip={() => setSkipped(true)} />
      ) : (
        <>
          <Timeline state={state} chat={chat} t={t}>
            {state.csat && <Csat state={state} chat={chat} t={t} />}
            {(state.emailAsk === 'shown' || state.emailAsk === 'saved') && <EmailAsk state={state} chat={chat} t={t} />}
          </Timeline>
          <div role="alert" class="notice">
            {state.notice}
          </div>
          <Composer state={state} chat={chat} t={t} />
        </>
      )}
    </div>
  );
}
