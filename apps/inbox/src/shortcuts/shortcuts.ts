import { useEffect, useRef } from 'react';

/** A documented keyboard shortcut: the key as typed and what it does. */
export type ShortcutInfo = { keys: string; description: string; group: 'Navigation' | 'Conversation' | 'Composer' | 'General' };

/**
 * Every shortcut the inbox offers, in the order the help overlay lists them. Handlers are bound
 * where the action lives (with {@link useShortcut}); this list is what agents read.
 */
export const SHORTCUTS: readonly ShortcutInfo[] = [
  { keys: 'j', description: 'Next conversation', group: 'Navigation' },
  { keys: 'k', description: 'Previous conversation', group: 'Navigation' },
  { keys: '1', description: 'Mine', group: 'Navigation' },
  { keys: '2', description: 'Unassigned', group: 'Navigation' },
  { keys: '3', description: 'All', group: 'Navigation' },
  { keys: '/', description: 'Search conversations (Escape clears the search)', group: 'Navigation' },
  { keys: 'Escape', description: 'Back to the list (phone) / leave the composer', group: 'Navigation' },
  { keys: 'r', description: 'Reply (focus the composer)', group: 'Conversation' },
  { keys: 'n', description: 'Write a private note', group: 'Conversation' },
  { keys: 'a', description: 'Assign to me', group: 'Conversation' },
  { keys: 'Shift+A', description: 'Transfer to another agent, with a note', group: 'Conversation' },
  { keys: 'u', description: 'Unassign', group: 'Conversation' },
  { keys: 't', description: 'Assign to a team', group: 'Conversation' },
  { keys: 'p', description: 'Priority', group: 'Conversation' },
  { keys: 'l', description: 'Labels', group: 'Conversation' },
  { keys: 'e', description: 'Resolve', group: 'Conversation' },
  { keys: 'o', description: 'Reopen', group: 'Conversation' },
  { keys: 'Shift+P', description: 'Set pending', group: 'Conversation' },
  { keys: 's', description: 'Snooze…', group: 'Conversation' },
  { keys: 'Enter', description: 'Send', group: 'Composer' },
  { keys: 'Shift+Enter', description: 'New line', group: 'Composer' },
  { keys: '?', description: 'Show keyboard shortcuts', group: 'General' },
];

/**
 * Whether a key event comes from somewhere text is typed (inputs, textareas, editable content)
 * or from an open menu, dialog or popover, where single-letter shortcuts must not fire.
 *
 * @example
 * if (isTyping(event)) return;
 */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || typeof target.closest !== 'function') return false;
  if (target.isContentEditable) return true;
  // Inside a menu, dialog or popover the keys belong to it (and its own Escape closes it).
  if (target.closest('input, textarea, select, [contenteditable="true"], [role="menu"], [role="dialog"], [role="alertdialog"]')) return true;
  return false;
}

/**
 * The key name of an event as {@link SHORTCUTS} writes it: `a`, `Shift+A`, `?`, `Escape`.
 *
 * @example
 * shortcutKey(new KeyboardEvent('keydown', { key: 'A', shiftKey: true })); // 'Shift+A'
 */
export function shortcutKey(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const key = event.key;
  if (key.length === 1 && /[A-Z]/.test(key) && event.shiftKey) return `Shift+${key}`;
  return key;
}

/**
 * Binds a shortcut while the component is mounted. Single keys never fire while typing; the
 * latest handler is used without rebinding.
 *
 * @example
 * useShortcut('e', () => resolve(), { enabled: !!conversation });
 */
export function useShortcut(keys: string | string[], handler: (event: KeyboardEvent) => void, options: { enabled?: boolean; whileTyping?: boolean } = {}): void {
  const ref = useRef(handler);
  ref.current = handler;
  const enabled = options.enabled ?? true;
  const whileTyping = options.whileTyping ?? false;
  const list = Array.isArray(keys) ? keys.join('|') : keys;
  useEffect(() => {
    if (!enabled) return;
    const wanted = list.split('|');
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (!whileTyping && isTyping(event)) return;
      const key = shortcutKey(event);
      if (key && wanted.includes(key)) {
        event.preventDefault();
        ref.current(event);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list, enabled, whileTyping]);
}
