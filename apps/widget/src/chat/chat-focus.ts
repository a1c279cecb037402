const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]):not([type="hidden"]),textarea:not([disabled]),select:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in order (hidden ones excluded). */
export function focusables(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden],[inert]'));
}

/**
 * Keeps Tab and Shift+Tab inside the open chat (it is a dialog over the page), and closes it on
 * Escape; the loader then returns focus to the launcher.
 *
 * @example
 * trapFocus(document, () => bridge.send({ type: 'close' }));
 */
export function trapFocus(doc: Document, onEscape: () => void): void {
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables(doc.body);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = doc.activeElement;
    if (event.shiftKey && (active === first || !doc.body.contains(active) || active === doc.body)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  });
}
