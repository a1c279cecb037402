import type { LoaderStrings } from './loader-strings';

/** How the launcher looks, from the plugin's config. */
export type LauncherLook = {
  color: string;
  /** Text colour on `color` (the server always names one); null: white. */
  onColor: string | null;
  position: 'left' | 'right';
  text: string | null;
};

const CHAT_ICON = '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
const CLOSE_ICON = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';

// Everything lives in a shadow root: the page's CSS cannot reach in, ours cannot leak out, and
// `all: initial` stops inherited fonts and colours at the door. It is open (closed would stop
// no determined script, and would hide the widget from testing and accessibility tools); the
// secrets are in the cross-origin iframe, not here. Phones get the panel
// full-screen, inside the safe areas; the top inset shows the header colour.
const CSS = `:host{all:initial!important}*{box-sizing:border-box}.l{position:fixed;bottom:calc(20px + env(safe-area-inset-bottom));right:calc(20px + env(safe-area-inset-right));z-index:2147483000;display:flex;align-items:center;justify-content:center;gap:8px;height:56px;min-width:56px;padding:0 15px;border:0;border-radius:28px;background:var(--c);color:var(--t);font:600 15px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.25)}.left .l{right:auto;left:calc(20px + env(safe-area-inset-left))}.l:focus-visible{outline:3px solid var(--c);outline-offset:3px}.b{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c5221f;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}.b:empty{display:none}.p{position:fixed;bottom:calc(88px + env(safe-area-inset-bottom));right:calc(20px + env(safe-area-inset-right));z-index:2147483001;width:380px;height:min(640px,calc(100vh - 120px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 8px 40px rgba(0,0,0,.3)}.left .p{right:auto;left:calc(20px + env(safe-area-inset-left))}.p[hidden]{display:none}iframe{display:block;width:100%;height:100%;border:0;background:#fff}@media (max-width:640px),(max-height:520px){.p{top:0;left:0;right:0;bottom:auto;width:100%;height:100%;border-radius:0;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);background:linear-gradient(var(--c) 50%,#fff 50%)}.o .l{display:none}}@media (prefers-reduced-motion:no-preference){.p{animation:i .18s ease-out}@keyframes i{from{opacity:0;transform:translateY(12px)}}}`;

/**
 * Mounts the launcher button and the (empty) panel in a shadow root at the end of the
 * page. Nothing of the chat loads until `panel` gets an iframe.
 *
 * @example
 * const ui = mountLauncher(document, { color: '#1f6feb', position: 'right', text: null }, loaderStrings('en'));
 * ui.button.onclick = toggle;
 */
export function mountLauncher(doc: Document, look: LauncherLook, strings: LoaderStrings) {
  const host = doc.createElement('switchboard-chat');
  const root = host.attachShadow({ mode: 'open' });
  // Only a hex colour gets into the style attribute (the server checks too).
  const hex = (c: string | null, fallback: string) => (c && /^#[0-9a-f]{3,6}$/i.test(c) ? c : fallback);
  const color = hex(look.color, '#1f6feb');
  const text = hex(look.onColor, '#fff');
  root.innerHTML = `<style>${CSS}</style><div class="w${look.position === 'left' ? ' left' : ''}" style="--c:${color};--t:${text}"><div class="p" hidden role="dialog" aria-modal="false"></div><button class="l" type="button" aria-expanded="false" aria-haspopup="dialog"><span class="i">${CHAT_ICON}</span><span class="x"></span><span class="b" aria-hidden="true"></span></button></div>`;
  const wrap = root.firstElementChild!.nextElementSibling as HTMLElement;
  const panel = wrap.firstElementChild as HTMLElement;
  const button = panel.nextElementSibling as HTMLButtonElement;
  const [icon, label, badge] = Array.from(button.children) as [HTMLElement, HTMLElement, HTMLElement];
  label.textContent = look.text ?? '';
  panel.setAttribute('aria-label', strings.chat);
  let unread = 0;
  let open = false;
  const render = () => {
    wrap.classList.toggle('o', open);
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? strings.close : unread > 0 ? `${strings.open} (${strings.unread}: ${unread})` : strings.open);
    icon.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    label.hidden = open || !look.text;
    badge.textContent = unread > 0 && !open ? String(Math.min(unread, 99)) : '';
  };
  render();
  doc.body.append(host);
  return {
    host,
    button,
    panel,
    setOpen(value: boolean): void {
      open = value;
      render();
    },
    setUnread(count: number): void {
      unread = count;
      render();
    },
    /** Whether keyboard focus is inside the widget (its button or the chat). */
    hasFocus: (): boolean => doc.activeElement === host,
  };
}

/** The mounted launcher. */
export type Launcher = ReturnType<typeof mountLauncher>;
