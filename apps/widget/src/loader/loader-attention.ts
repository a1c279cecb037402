/**
 * Flashes the page title ("(1) New message") while the tab is hidden, and puts the page's own
 * title back as soon as the visitor looks. A title the page changes meanwhile is kept.
 *
 * @example
 * const title = createTitleFlasher(document);
 * title.flash('(1) New message');
 */
export function createTitleFlasher(doc: Document) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let original = doc.title;
  let flashing = '';
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    doc.title = original;
  };
  doc.addEventListener('visibilitychange', () => {
    if (!doc.hidden) stop();
  });
  return {
    flash(text: string): void {
      if (!doc.hidden) return;
      if (timer === undefined) original = doc.title;
      else clearInterval(timer);
      flashing = text;
      doc.title = text;
      timer = setInterval(() => {
        if (doc.title !== flashing && doc.title !== original) original = doc.title;
        doc.title = doc.title === flashing ? original : flashing;
      }, 1000);
    },
    stop,
  };
}

/** Shows a browser notification when the visitor allowed them; a click brings the chat up. */
export function showNotification(title: string, body: string, onClick: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body, tag: 'switchboard-chat' });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
