import { Popover } from 'radix-ui';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useSignedIn } from '../auth/session-context';
import { useInboxData } from '../shell/inbox-context';
import { LockIcon, PaperclipIcon, SendIcon, SmileIcon, XIcon } from '../ui/icons';
import { formatBytes } from '../lib/format-bytes';
import { createTypingSender } from './typing-sender';
import { useUploads } from './use-uploads';

const EmojiPicker = lazy(() => import('./emoji-picker').then((m) => ({ default: m.EmojiPicker })));

/** Reply to the customer, or write a private note. */
export type ComposerMode = 'reply' | 'note';

type Props = {
  conversationId: string;
  mode: ComposerMode;
  onModeChange(mode: ComposerMode): void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Plugins' composer actions (templates, call), from the capabilities endpoint. */
  actions?: ReactNode;
  disabledReason?: string | null;
  /** The "Reply via" picker, shown while writing a reply. */
  replyVia?: ReactNode;
  /**
   * The leg the reply goes out on, opening a new one first when the agent chose one: a leg id,
   * `undefined` for the server's choice, or `null` when it failed (the caller said why) and
   * nothing is sent — the draft stays.
   */
  resolveLegId?: () => Promise<string | undefined | null>;
};

// Drafts survive switching conversations (not reloads).
const drafts = new Map<string, string>();

/**
 * The composer: Enter sends, Shift+Enter breaks the line, a private-note toggle, attachments by
 * button, drag-and-drop or paste (uploaded at once, with progress and the server's reasons), and
 * emoji. Sending goes through the outbox, which keeps one clientMessageId across every retry.
 * While the agent types a reply, colleagues see "… is typing" (never for a private note).
 *
 * @example
 * <Composer conversationId={id} mode={mode} onModeChange={setMode} textareaRef={ref} />
 */
export function Composer({ conversationId, mode, onModeChange, textareaRef, actions, disabledReason, replyVia, resolveLegId }: Props) {
  const { outbox } = useInboxData();
  const { api } = useSignedIn();
  const typing = useMemo(
    () =>
      createTypingSender({
        send: (on) => {
          api.typing(conversationId, on).catch(() => {
            // A lost typing signal only means a colleague does not see it.
          });
        },
      }),
    [api, conversationId],
  );
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [dragging, setDragging] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [opening, setOpening] = useState(false);
  const uploads = useUploads();
  const fileRef = useRef<HTMLInputElement>(null);
  const isNote = mode === 'note';

  useEffect(() => {
    setText(drafts.get(conversationId) ?? '');
    uploads.clear();
    // Only a change of conversation resets the draft and the attachments.
  }, [conversationId]);

  // Leaving the conversation or switching to a note ends "typing".
  useEffect(() => () => typing.stop(), [typing]);
  useEffect(() => {
    if (isNote) typing.stop();
  }, [isNote, typing]);

  function updateText(value: string) {
    setText(value);
    if (value) drafts.set(conversationId, value);
    else drafts.delete(conversationId);
  }

  function onInput(value: string) {
    updateText(value);
    if (isNote || disabledReason || !value.trim()) typing.stop();
    else typing.input();
  }

  const hasAttachments = uploads.refs.length > 0;
  const failedUploads = uploads.uploads.some((u) => u.state === 'error');
  const canSend = !disabledReason && !opening && !uploads.busy && !failedUploads && (text.trim().length > 0 || (!isNote && hasAttachments));

  async function send() {
    if (!canSend) return;
    let legId: string | undefined;
    if (!isNote && resolveLegId) {
      setOpening(true);
      const resolved = await resolveLegId().finally(() => setOpening(false));
      if (resolved === null) return;
      legId = resolved;
    }
    outbox.send({ conversationId, kind: isNote ? 'note' : 'message', text: text.trim(), attachments: isNote ? [] : uploads.refs, legId });
    typing.stop();
    updateText('');
    uploads.clear();
    textareaRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...e.clipboardData.files];
    if (files.length === 0) return;
    e.preventDefault();
    if (isNote) onModeChange('reply');
    uploads.add(files);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    if (isNote) onModeChange('reply');
    uploads.add(files);
  }

  function insert(emoji: string) {
    const el = textareaRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    updateText(next);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  return (
    <div
      className={`composer${isNote ? ' composer--note' : ''}${dragging ? ' composer--drag' : ''}`}
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="composer__modes" role="group" aria-label="Composer mode">
        <button type="button" className="composer__mode" aria-pressed={!isNote} onClick={() => onModeChange('reply')}>
          Reply
        </button>
        <button type="button" className="composer__mode composer__mode--note" aria-pressed={isNote} onClick={() => onModeChange('note')}>
          <LockIcon size={12} /> Private note
        </button>
        {!isNote && replyVia}
        {disabledReason && <span className="composer__hint">{disabledReason}</span>}
      </div>
      {uploads.uploads.length > 0 && (
        <ul className="uploads" aria-label="Attachments">
          {uploads.uploads.map((u) => (
            <li key={u.localId} className={`upload upload--${u.state}`}>
              {u.previewUrl ? <img src={u.previewUrl} alt="" className="upload__thumb" /> : <PaperclipIcon size={14} />}
              <span className="upload__name" title={u.name}>
                {u.name}
              </span>
              <span className="muted">{formatBytes(u.size)}</span>
              {u.state === 'uploading' && <progress className="upload__progress" value={u.progress} max={1} aria-label={`Uploading ${u.name}`} />}
              {u.state === 'error' && (
                <span className="upload__error" role="alert">
                  {u.error}
                </span>
              )}
              <button type="button" className="icon-btn" aria-label={`Remove ${u.name}`} onClick={() => uploads.remove(u.localId)}>
                <XIcon size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <textarea
        ref={textareaRef}
        className="composer__input"
        aria-label={isNote ? 'Private note' : 'Reply'}
        placeholder={isNote ? 'Write a private note — only your team sees it' : disabledReason ? `${disabledReason}. A private note is still possible.` : 'Write a reply… (Enter to send, Shift+Enter for a new line)'}
        value={text}
        rows={2}
        onChange={(e) => onInput(e.target.value)}
        onBlur={() => typing.stop()}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <div className="composer__bar">
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          onChange={(e) => {
            if (e.target.files) uploads.add([...e.target.files]);
            e.target.value = '';
          }}
        />
        <button type="button" className="icon-btn" aria-label="Attach files" title={isNote ? 'Notes cannot carry attachments' : 'Attach files (or drop, or paste)'} disabled={isNote} onClick={() => fileRef.current?.click()}>
          <PaperclipIcon />
        </button>
        <Popover.Root open={emojiOpen} onOpenChange={setEmojiOpen}>
          <Popover.Trigger asChild>
            <button type="button" className="icon-btn" aria-label="Insert emoji">
              <SmileIcon />
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content className="popover" side="top" align="start" sideOffset={6} aria-label="Emoji">
              <Suspense fallback={<div className="emoji emoji--loading">Loading…</div>}>
                <EmojiPicker onPick={insert} />
              </Suspense>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
        <div className="composer__actions">{actions}</div>
        <span className="composer__spacer" />
        <button type="button" className={`btn ${isNote ? 'btn--note' : 'btn--primary'}`} onClick={() => void send()} disabled={!canSend}>
          <SendIcon size={14} /> {isNote ? 'Add note' : opening ? 'Opening…' : 'Send'}
        </button>
      </div>
      {dragging && (
        <div className="composer__drop" aria-hidden="true">
          Drop files to attach
        </div>
      )}
    </div>
  );
}
