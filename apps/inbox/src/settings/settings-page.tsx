import { Tabs } from 'radix-ui';
import { useLocation, useParams } from 'wouter';
import { AgentsSettings } from './agents-settings';
import { PluginsSettings } from './plugins-settings';
import { TeamsSettings } from './teams-settings';
import { TokensSettings } from './tokens-settings';

const TABS = [
  { value: 'agents', label: 'Agents' },
  { value: 'teams', label: 'Teams' },
  { value: 'tokens', label: 'API tokens' },
  { value: 'plugins', label: 'Plugins' },
] as const;

/**
 * Admin settings (loaded on demand, its own chunk): agents, teams, API tokens, plugins.
 *
 * @example
 * <Route path="/settings/:tab?"><SettingsPage /></Route>
 */
export function SettingsPage() {
  const params = useParams<{ tab?: string }>();
  const [, navigate] = useLocation();
  const tab = TABS.some((t) => t.value === params.tab) ? params.tab! : 'agents';
  return (
    <div className="settings">
      <header className="settings__head">
        <h1>Settings</h1>
      </header>
      <Tabs.Root value={tab} onValueChange={(v) => navigate(`/settings/${v}`)}>
        <Tabs.List className="tabs" aria-label="Settings sections">
          {TABS.map((t) => (
            <Tabs.Trigger key={t.value} value={t.value} className="tabs__tab">
              {t.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="agents" className="settings__body">
          <AgentsSettings />
        </Tabs.Content>
        <Tabs.Content value="teams" className="settings__body">
          <TeamsSettings />
        </Tabs.Content>
        <Tabs.Content value="tokens" className="settings__body">
          <TokensSettings />
        </Tabs.Content>
        <Tabs.Content value="plugins" className="settings__body">
          <PluginsSettings />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
