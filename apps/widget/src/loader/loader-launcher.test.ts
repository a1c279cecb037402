// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mountLauncher } from './loader-launcher';
import { loaderStrings } from './loader-strings';

describe('the launcher', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('lives in one shadow root at the end of the page, in the brand colour', () => {
    const ui = mountLauncher(document, { color: '#ffd33d', onColor: '#111111', position: 'left', text: 'Chat with us' }, loaderStrings('en'));
    expect(document.body.lastElementChild).toBe(ui.host);
    expect(ui.host.shadowRoot?.contains(ui.button)).toBe(true);
    // Nothing in the page's own DOM for its selectors (or its CSS) to catch.
    expect(document.querySelectorAll('button, iframe, style')).toHaveLength(0);
    const wrap = ui.button.parentElement!;
    expect(wrap.getAttribute('style')).toBe('--c:#ffd33d;--t:#111111');
    expect(wrap.classList.contains('left')).toBe(true);
    expect(ui.button.textContent).toContain('Chat with us');
  });

  it('never puts a configured colour that is not a hex colour into the style attribute', () => {
    const ui = mountLauncher(document, { color: 'red;background:url(//evil.example)', onColor: '#fff;x:y', position: 'right', text: null }, loaderStrings('en'));
    expect(ui.button.parentElement!.getAttribute('style')).toBe('--c:#1f6feb;--t:#fff');
  });

  it('names the button for screen readers with the unread count, in the widget’s language, and opens the panel', () => {
    const ui = mountLauncher(document, { color: '#1f6feb', onColor: null, position: 'right', text: null }, loaderStrings('pl-PL'));
    expect(ui.button.getAttribute('aria-label')).toBe('Otwórz czat');
    ui.setUnread(3);
    expect(ui.button.getAttribute('aria-label')).toBe('Otwórz czat (nieprzeczytane: 3)');
    expect(ui.button.querySelector('.b')!.textContent).toBe('3');
    expect(ui.panel.hidden).toBe(true);
    ui.setOpen(true);
    expect(ui.panel.hidden).toBe(false);
    expect(ui.button.getAttribute('aria-expanded')).toBe('true');
    expect(ui.button.getAttribute('aria-label')).toBe('Zamknij czat');
    expect(ui.button.querySelector('.b')!.textContent).toBe('');
    expect(ui.panel.getAttribute('role')).toBe('dialog');
    expect(ui.panel.getAttribute('aria-label')).toBe('Czat');
  });
});
