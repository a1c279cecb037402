import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimInvitation, scheduleInvitations, urlMatches, type ProactiveRule } from './loader-proactive';

describe('proactive invitation rules', () => {
  afterEach(() => vi.useRealTimers());

  it('matches a glob against the whole URL without its hash', () => {
    const url = new URL('https://shop.example.com/pricing?plan=pro#faq');
    expect(urlMatches('*/pricing*', url)).toBe(true);
    expect(urlMatches('https://shop.example.com/pricing?plan=pro', url)).toBe(true);
    expect(urlMatches('*#faq', url)).toBe(false);
    expect(urlMatches('*/checkout*', url)).toBe(false);
    // Regex characters in the pattern are literal.
    expect(urlMatches('*/pricing?plan=pro', url)).toBe(true);
    expect(urlMatches('*/pricing.plan=pro', url)).toBe(false);
  });

  it('fires the rules that fit the page and the visitor once their time on page has passed', () => {
    vi.useFakeTimers();
    const rules: ProactiveRule[] = [
      { id: 'pricing', message: 'Questions about plans?', url_pattern: '*/pricing*', after_seconds: 20, returning_visitor: null },
      { id: 'welcome-back', message: 'Welcome back!', url_pattern: null, after_seconds: 0, returning_visitor: true },
      { id: 'first-timer', message: 'First time here?', url_pattern: null, after_seconds: 5, returning_visitor: false },
      { id: 'checkout', message: 'Need help paying?', url_pattern: '*/checkout*', after_seconds: 0, returning_visitor: null },
    ];
    const fired: string[] = [];
    scheduleInvitations(rules, { url: new URL('https://shop.example.com/pricing'), returning: true }, (rule) => fired.push(rule.id));
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['welcome-back']);
    vi.advanceTimersByTime(19_999);
    expect(fired).toEqual(['welcome-back']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['welcome-back', 'pricing']);
  });

  it('cancels what has not fired yet', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    const cancel = scheduleInvitations([{ id: 'later', message: 'Hi', after_seconds: 10 }], { url: new URL('https://shop.example.com/'), returning: false }, (r) => fired.push(r.id));
    cancel();
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual([]);
  });

  it('shows each invitation once per visit (the tab’s session), and still shows it without storage', () => {
    const session = new Map<string, string>();
    const storage = { getItem: (k: string) => session.get(k) ?? null, setItem: (k: string, v: string) => void session.set(k, v) } as unknown as Storage;
    expect(claimInvitation(storage, 'pricing-help')).toBe(true);
    expect(claimInvitation(storage, 'pricing-help')).toBe(false);
    expect(claimInvitation(storage, 'welcome-back')).toBe(true);
    expect(claimInvitation(null, 'pricing-help')).toBe(true);
  });
});
