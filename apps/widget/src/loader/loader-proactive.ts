/** A proactive invitation rule as the server's public widget config lists it (PROTOCOL.md §3.1). */
export type ProactiveRule = {
  id: string;
  /** What the invitation says, in the widget's locale. */
  message: string;
  /** Glob over `location.href` without the hash (`*` matches any characters); null: every page. */
  url_pattern?: string | null;
  /** Seconds the visitor must have spent on this page. */
  after_seconds?: number | null;
  /** `true`: returning visitors only; `false`: new visitors only; null: both. */
  returning_visitor?: boolean | null;
};

/**
 * Whether a glob such as `*\/pricing*` matches the page URL (its hash does not count).
 *
 * @example
 * urlMatches('*\/orders/*', new URL('https://shop.example.com/orders/1042')); // true
 */
export function urlMatches(pattern: string, url: URL): boolean {
  const target = url.href.replace(/#.*$/, '');
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(target);
}

/**
 * Schedules each rule that fits this page and visitor to fire once its time on page has passed;
 * `fire` decides whether to show it (say, not twice in one visit). Returns a function that
 * cancels the timers.
 *
 * @example
 * const cancel = scheduleInvitations(widget.proactive, { url: new URL(location.href), returning: true }, (rule) => invite(rule));
 */
export function scheduleInvitations(rules: readonly ProactiveRule[], visitor: { url: URL; returning: boolean }, fire: (rule: ProactiveRule) => void): () => void {
  const timers = rules
    .filter((rule) => (!rule.url_pattern || urlMatches(rule.url_pattern, visitor.url)) && (rule.returning_visitor == null || rule.returning_visitor === visitor.returning))
    .map((rule) => setTimeout(() => fire(rule), Math.max(0, rule.after_seconds ?? 0) * 1000));
  return () => timers.forEach(clearTimeout);
}

/**
 * Whether an invitation may show: once per rule per visit (the tab's session storage), so a
 * visitor going back and forth is not asked again. Claims it when it may.
 *
 * @example
 * if (claimInvitation(sessionStorage, rule.id)) open(rule.message);
 */
export function claimInvitation(storage: Storage | null, ruleId: string): boolean {
  const name = 'switchboard-chat:invited';
  try {
    const shown = (storage?.getItem(name) ?? '').split(' ');
    if (shown.includes(ruleId)) return false;
    storage?.setItem(name, [...shown, ruleId].join(' ').trim());
  } catch {
    // No storage: the invitation may show again on the next page.
  }
  return true;
}
