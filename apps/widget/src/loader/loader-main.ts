import { bridgeEnvelope, readBridgeMessage, type FrameMessage, type HostMessage, type WidgetAttributes as Attributes, type WidgetUser } from '../shared/widget-bridge';
import { createWidgetApi, type WidgetApi } from './loader-api';
import { createBrowserNotifier, createTitleFlasher } from './loader-attention';
import { mountLauncher } from './loader-launcher';
import type { WidgetConfig } from '../shared/webchat-protocol';
import { claimInvitation, scheduleInvitations } from './loader-proactive';
import { loaderStrings } from './loader-strings';
import { fitToVisualViewport } from './loader-viewport';
import { createVisitorStore } from './loader-visitor';

/** The public widget config as the loader reads it (unparsed: the loader stays small, so every field is checked where it is used). */
type LoaderConfig = Partial<WidgetConfig>;

const OPEN_KEY = 'switchboard-chat:open';
const SMALL = '(max-width:640px),(max-height:520px)';

type Win = Window & { SwitchboardChat?: WidgetApi | unknown[] };

/** Runs a storage call; blocked storage (sandboxed or strict privacy settings) throws. */
const session = (fn: () => string | null | void): string | null => {
  try {
    return fn() ?? null;
  } catch {
    return null;
  }
};

/** The site's localStorage, or null where reading it throws. */
const firstParty = (win: Window): Storage | null => {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
};

/** The tab's sessionStorage, or null where reading it throws. */
const sessionStore = (win: Window): Storage | null => {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
};

/**
 * Boots the widget on the customer's page from its `<script>` tag: reads the website token,
 * fetches the launcher's config from the chat server (which checks the page's origin), mounts
 * the launcher, and creates the chat iframe on first open — or at once when a conversation is
 * going on, so replies reach the badge. Exposes `window.SwitchboardChat`.
 *
 * @example
 * // <script async src="https://chat.example.com/plugins/channel-webchat/widget.js" data-website-token="wt_…"></script>
 * bootLoader(window, document.currentScript as HTMLScriptElement);
 */
export async function bootLoader(win: Win, script: HTMLScriptElement): Promise<void> {
  const doc = win.document;
  const siteKey = script.dataset.siteKey;
  if (!siteKey) throw new Error('Switchboard chat: the <script> tag needs data-site-key');
  const src = new URL(script.src);
  const origin = src.origin;
  const base = src.href.slice(0, src.href.lastIndexOf('/') + 1);
  const key = encodeURIComponent(siteKey);

  // A site that is not among the widget's allowed origins gets no CORS answer: fetch rejects.
  const res = await fetch(`${base}v1/widgets/${key}`, { credentials: 'omit' }).catch(() => null);
  if (!res?.ok) throw new Error(`Switchboard chat: widget config refused (${res ? res.status : 'CORS'}); is this origin allowed?`);
  const config = ((await res.json()) as { widget?: LoaderConfig }).widget ?? {};
  // Browser notifications: the widget's config decides (off unless it turns them on).
  const notes = createBrowserNotifier(config.notifications?.browser);

  // A snippet in <head> without async may run before there is a body to mount on.
  if (!doc.body) await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }));
  const visitor = createVisitorStore(firstParty(win), siteKey, Date.now());
  const strings = loaderStrings(config.locale ?? doc.documentElement.lang ?? navigator.language);
  const ui = mountLauncher(doc, { color: config.colors?.primary ?? '', onColor: config.colors?.on_primary ?? null, position: config.position === 'bottom-left' ? 'left' : 'right', text: config.launcher_text ?? null }, strings);
  const title = createTitleFlasher(doc);
  const small = win.matchMedia(SMALL);

  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let open = false;
  let unfit = () => {};
  let user: WidgetUser | null = null;
  let attributes: Attributes | null = null;
  const later: HostMessage[] = [];

  const post = (message: HostMessage) => {
    if (ready && frame?.contentWindow) frame.contentWindow.postMessage(bridgeEnvelope(message), origin);
    else later.push(message);
  };
  const ensureFrame = () => {
    if (frame) return;
    frame = doc.createElement('iframe');
    frame.title = strings.chat;
    frame.allow = 'clipboard-write';
    // The page's origin rides in the fragment (never sent to the server): the chat posts only to it
    // and accepts messages only from it. The server's frame-ancestors decides who may frame it.
    frame.src = `${base}app/index.html?site_key=${key}#origin=${encodeURIComponent(win.location.origin)}`;
    ui.panel.append(frame);
  };
  const setOpen = (value: boolean, focus: boolean) => {
    if (value === open) return;
    open = value;
    session(() => win.sessionStorage.setItem(OPEN_KEY, value ? '1' : ''));
    ui.setOpen(value);
    unfit();
    unfit = () => {};
    if (value) {
      ensureFrame();
      if (small.matches) unfit = fitToVisualViewport(ui.panel, win);
      if (focus) frame!.focus();
      post({ type: 'open', focus });
      emit('open');
    } else {
      const hadFocus = ui.hasFocus();
      post({ type: 'close' });
      if (focus || hadFocus) ui.button.focus();
      emit('close');
    }
  };

  const { api, emit } = createWidgetApi({
    open: () => setOpen(true, true),
    close: () => setOpen(false, false),
    toggle: () => setOpen(!open, true),
    identify(next) {
      user = next;
      // A signed-in visitor may already have a conversation from another device: show it.
      ensureFrame();
      post({ type: 'identify', user: next });
    },
    setAttributes(next) {
      attributes = { ...attributes, ...next };
      post({ type: 'attributes', attributes: next });
    },
    reset() {
      const { token } = visitor.reset();
      // Revoke the session on the server too; the chat (if loaded) starts over.
      if (token) void fetch(`${base}v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, keepalive: true }).catch(() => {});
      user = attributes = null;
      later.length = 0;
      ui.setUnread(0);
      setOpen(false, false);
      post({ type: 'reset' });
    },
  });

  win.addEventListener('message', (event) => {
    const message = readBridgeMessage<FrameMessage>(event, frame?.contentWindow, origin);
    if (!message) return;
    if (message.type === 'ready') {
      ready = true;
      // A reloaded chat (after a reset) starts over: tell it everything again.
      const replay = later.splice(0).filter((m) => m.type === 'invite');
      post({ type: 'init', visitor: visitor.info(), stored: visitor.data(), page: { url: win.location.href, title: doc.title, referrer: doc.referrer }, open, user, attributes });
      if (open) post({ type: 'open', focus: ui.hasFocus() });
      replay.forEach(post);
      emit('ready');
    } else if (message.type === 'store') {
      visitor.set(message.key, message.value);
    } else if (message.type === 'state') {
      ui.setUnread(message.unread);
      visitor.setActive(message.active);
      emit('unread', { count: message.unread });
    } else if (message.type === 'close') {
      setOpen(false, true);
    } else if (message.type === 'notify') {
      if (doc.hidden) {
        title.flash(`(${strings.message}) ${message.author}`);
        notes.show(message.author, message.text, () => setOpen(true, true));
      }
    } else if (message.type === 'event') {
      emit(message.name, message.detail);
    }
  });

  ui.button.addEventListener('click', () => {
    notes.ask();
    setOpen(!open, true);
  });
  small.addEventListener('change', () => {
    unfit();
    unfit = open && small.matches ? fitToVisualViewport(ui.panel, win) : () => {};
  });
  // Another tab started a conversation, changed the chat's values, or reset it (logout): follow.
  win.addEventListener('storage', (event) => {
    if (event.key !== visitor.name) return;
    const { reset, becameActive } = visitor.reload();
    post(reset ? { type: 'reset' } : { type: 'stored', stored: visitor.data() });
    if (becameActive) ensureFrame();
  });

  // Commands the page queued before this script ran, then the real API in their place.
  const queued = Array.isArray(win.SwitchboardChat) ? win.SwitchboardChat : [];
  win.SwitchboardChat = api;
  for (const command of queued) api.push(command as unknown[]);

  if (session(() => win.sessionStorage.getItem(OPEN_KEY)) === '1') setOpen(true, false);
  else if (visitor.active()) ensureFrame();

  scheduleInvitations(config.proactive ?? [], { url: new URL(win.location.href), returning: visitor.info().visits > 1 }, (rule) => {
    // Never over a chat the visitor has open, and once per visit.
    if (open || !claimInvitation(sessionStore(win), rule.id)) return;
    setOpen(true, false);
    post({ type: 'invite', rule: rule.id, text: rule.message });
  });
  win.dispatchEvent(new Event('switchboard-chat:ready'));
}
