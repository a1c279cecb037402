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

/**
 * Browser notifications of replies while the tab is in the background — only when the widget's
 * config turns them on (`notifications.browser`). `ask` requests the permission (call it on the
 * visitor's click: browsers ignore requests without one); `show` notifies once it was granted,
 * and a click on the notification brings the chat up.
 *
 * @example
 * const notes = createBrowserNotifier(config.notifications?.browser);
 * launcher.onclick = notes.ask;
 * notes.show('Alex', 'It ships today.', openChat);
 */
export function createBrowserNotifier(enabled: boolean | undefined) {
  const permission = () => (enabled && typeof Notification !== 'undefined' ? Notification.permission : '');
  return {
    ask(): void {
      if (permission() === 'default') void Notification.requestPermission();
    },
    show(title: string, body: string, onClick: () => void): void {
      if (permission() !== 'granted') return;
      const n = new Notification(title, { body, tag: 'switchboard-chat' });
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    },
  };
}
