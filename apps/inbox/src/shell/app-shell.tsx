import { lazy, Suspense, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { useSignedIn } from '../auth/session-context';
import { INBOX_VIEWS, type InboxView } from '../inbox/conversation-list-reducer';
import { InboxPage } from '../inbox/inbox-page';
import { NotificationBanner } from '../notifications/notification-banner';
import { useInboxNotifications } from '../notifications/use-inbox-notifications';
import { PresenceMenu } from '../presence/presence-menu';
import { ShortcutsHelp } from '../shortcuts/shortcuts-help';
import { useShortcut } from '../shortcuts/shortcuts';
import { LayersIcon, Logo, SettingsIcon, UserIcon, UsersIcon } from '../ui/icons';
import { useLiveDirectory } from './directory';
import { useCounts } from './inbox-context';
import { ReconnectingBanner } from './reconnecting-banner';
import { UserMenu } from './user-menu';

const SettingsPage = lazy(() => import('../settings/settings-page').then((m) => ({ default: m.SettingsPage })));

const NAV: Array<{ view: InboxView; label: string; Icon: typeof UserIcon }> = [
  { view: 'mine', label: 'Mine', Icon: UserIcon },
  { view: 'unassigned', label: 'Unassigned', Icon: UsersIcon },
  { view: 'all', label: 'All', Icon: LayersIcon },
];

/**
 * The signed-in app: navigation, banners (reconnecting, notifications), the routes, the
 * shortcuts overlay, the title badge.
 *
 * @example
 * <AppShell />
 */
export function AppShell() {
  const { agent } = useSignedIn();
  const [location, navigate] = useLocation();
  const [help, setHelp] = useState(false);
  const { counts } = useCounts();
  useInboxNotifications();
  useLiveDirectory();
  useShortcut('?', () => setHelp(true));
  useShortcut(['1', '2', '3'], (e) => navigate(`/${INBOX_VIEWS[Number(e.key) - 1]}`));
  const segments = location.split('/').filter(Boolean);
  const conversationOpen = segments.length >= 2 && INBOX_VIEWS.includes(segments[0] as InboxView);

  return (
    <div className={`app${conversationOpen ? ' app--conversation-open' : ''}`}>
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar__brand">
          <Logo />
          <span>Switchboard</span>
        </div>
        <ul className="sidebar__nav">
          {NAV.map(({ view, label, Icon }) => {
            const active = segments[0] === view;
            const count = counts ? counts[view] : null;
            const unread = view === 'mine' ? (counts?.unread ?? 0) : 0;
            return (
              <li key={view}>
                <Link href={`/${view}`} className={`navlink${active ? ' navlink--active' : ''}`} aria-current={active ? 'page' : undefined}>
                  <Icon size={16} />
                  <span className="navlink__label">{label}</span>
                  {count !== null && count > 0 && (
                    <span className={`navlink__count${unread > 0 ? ' navlink__count--unread' : ''}`} aria-label={`${count} open${unread > 0 ? `, ${unread} unread` : ''}`}>
                      {count > 999 ? '999+' : count}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
          {agent.role === 'admin' && (
            <li>
              <Link href="/settings" className={`navlink${segments[0] === 'settings' ? ' navlink--active' : ''}`} aria-current={segments[0] === 'settings' ? 'page' : undefined}>
                <SettingsIcon size={16} />
                <span className="navlink__label">Settings</span>
              </Link>
            </li>
          )}
        </ul>
        <div className="sidebar__foot">
          <PresenceMenu />
          <UserMenu onShowShortcuts={() => setHelp(true)} />
        </div>
      </nav>
      <div className="main">
        <ReconnectingBanner />
        <NotificationBanner />
        <Switch>
          <Route path="/settings/:tab?">
            {agent.role === 'admin' ? (
              <Suspense fallback={<div className="pane pane--empty">Loading settings…</div>}>
                <SettingsPage />
              </Suspense>
            ) : (
              <Redirect to="/mine" replace />
            )}
          </Route>
          <Route path="/:view/:id?">
            {(params: { view?: string; id?: string }) =>
              INBOX_VIEWS.includes(params.view as InboxView) ? <InboxPage view={params.view as InboxView} conversationId={params.id ?? null} /> : <Redirect to="/mine" replace />
            }
          </Route>
          <Route>
            <Redirect to="/mine" replace />
          </Route>
        </Switch>
      </div>
      <ShortcutsHelp open={help} onOpenChange={setHelp} />
    </div>
  );
}
