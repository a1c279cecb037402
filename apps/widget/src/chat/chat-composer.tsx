import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment } from '../shared/webchat-protocol';
import type { ChatController } from './chat-controller';
import { formatSize } from './chat-format';
import type { Translate } from './chat-i18n';
import type { ChatState } from './chat-store';

const EMOJI = ['😀', '😂', '😊', '😍', '🤔', '😅', '😢', '😮', '🙏', '👍', '👎', '👋', '👏', '🎉', '❤️', '🔥', '✅', '❌', '⭐', '📦', '💳', '📄', '⏰', '🙂'];

type Upload = { key: string; name: string; attachment: Attachment | null };

/**
 * Checks a picked file against the widget's limits before uploading (the server checks the
 * bytes again): the message to show, or null when it may go.
 *
 * @example
 * fileProblem(file, { enabled: true, max_bytes: 10485760, types: ['image/png'] }, t);
 */
export function fileProblem(file: File, limits: { enabled: boolean; max_bytes: number; types: string[] }, t: Translate): string | null {
  if (!limits.enabled || (limits.types.length > 0 && !limits.types.includes(file.type))) return t('badType', { name: file.name });
  if (limits.max_bytes > 0 && file.size > limits.max_bytes) return t('tooLarge', { name: file.name, size: formatSize(limits.max_bytes) });
  return null;
}

function EmojiPicker({ onPick, onClose, t }: { onPick: (emoji: string) => void; onClose: () => void; t: Translate }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      class="emoji"
      role="group"
      aria-label={t('emoji')}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Closes the picker, not the chat.
        e.preventDefault();
        onClose();
      }}
    >
      {EMOJI.map((emoji, i) => (
        <button key={emoji} ref={i === 0 ? first : undefined} type="button" aria-label={emoji} onClick={() => onPick(emoji)}>
          {emoji}
        </button>
      ))}
    </div>
  );
}

/**
 * Where the visitor writes: a growing text box (Enter sends, Shift+Enter breaks the line), an
 * emoji picker, file attachments (uploaded at once, sent with the message), and a send button.
 * Works offline too: the message waits in the outbox.
 *
 * @example
 * <Composer state={state} chat={chat} t={t} />
 */
export function Composer({ state, chat, t }: { state: ChatState; chat: ChatController; t: Translate }) {
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [emoji, setEmoji] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const limits = state.widget?.attachments ?? { enabled: false, max_bytes: 0, types: [] };
  const uploading = uploads.some((u) => u.attachment === null);

  useEffect(() => {
    if (state.focus > 0) input.current?.focus();
  }, [state.focus]);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  }, [text]);

  const submit = () => {
    const ready = uploads.flatMap((u) => (u.attachment ? [u.attachment] : []));
    if (uploading || (!text.trim() && ready.length === 0)) return;
    chat.send(text.trim(), ready);
    setText('');
    setUploads([]);
    input.current?.focus();
  };

  const pick = async (files: FileList | null) => {
    chat.notice(null);
    for (const f of Array.from(files ?? [])) {
      const problem = !state.online ? t('filesOffline') : fileProblem(f, limits, t);
      if (problem) {
        chat.notice(problem);
        continue;
      }
      const key = `${f.name}-${f.size}-${Date.now()}`;
      setUploads((u) => [...u, { key, name: f.name, attachment: null }]);
      try {
        const attachment = await chat.upload(f);
        setUploads((u) => u.map((x) => (x.key === key ? { ...x, attachment } : x)));
      } catch {
        setUploads((u) => u.filter((x) => x.key !== key));
        chat.notice(t('uploadFailed', { name: f.name }));
      }
    }
    if (file.current) file.current.value = '';
  };

  const insert = (value: string) => {
    const el = input.current;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? at;
    setText(text.slice(0, at) + value + text.slice(end));
    setEmoji(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + value.length, at + value.length);
    });
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {uploads.length > 0 && (
        <ul class="ups">
          {uploads.map((u) => (
            <li key={u.key}>
              <span>{u.attachment ? u.name : t('uploading', { name: u.name })}</span>
              <button type="button" class="link" aria-label={t('remove', { name: u.name })} onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {emoji && (
        <EmojiPicker
          onPick={insert}
          onClose={() => {
            setEmoji(false);
            input.current?.focus();
          }}
          t={t}
        />
      )}
      <div class="row">
        <textarea
          ref={input}
          rows={1}
          aria-label={t('composer')}
          placeholder={t('placeholder')}
          value={text}
          maxLength={5000}
          onInput={(e) => {
            setText(e.currentTarget.value);
            chat.typing();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="button" class="icon" aria-label={t('emoji')} aria-expanded={emoji} onClick={() => setEmoji(!emoji)}>
          <span aria-hidden="true">😊</span>
        </button>
        {limits.enabled && (
          <>
            <button type="button" class="icon" aria-label={t('attach')} onClick={() => file.current?.click()}>
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
                <path d="M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
              </svg>
            </button>
            <input ref={file} type="file" hidden multiple accept={limits.types.join(',')} onChange={(e) => void pick(e.currentTarget.files)} />
          </>
        )}
        <button type="submit" class="send" aria-label={t('send')} disabled={uploading}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
            <path d="M3 20.5l18-8.5L3 3.5v6.6l12 1.9-12 1.9z" />
          </svg>
        </button>
      </div>
    </form>
  );
}
