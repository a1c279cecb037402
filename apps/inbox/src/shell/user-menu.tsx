import { DropdownMenu } from 'radix-ui';
import { useSession, useSignedIn } from '../auth/session-context';
import { useNotificationSettings } from '../notifications/notification-settings';
import { useTheme, type ThemeChoice } from '../theme/theme';
import { Avatar } from '../ui/badges';
import { KeyboardIcon, LogOutIcon, MonitorIcon, MoonIcon, SunIcon } from '../ui/icons';

/**
 * The signed-in agent's menu: theme, sound, notifications, shortcuts, sign out.
 *
 * @example
 * <UserMenu onShowShortcuts={() => setHelp(true)} />
 */
export function UserMenu({ onShowShortcuts }: { onShowShortcuts(): void }) {
  const { agent } = useSignedIn();
  const { signOut } = useSession();
  const [theme, setTheme] = useTheme();
  const n = useNotificationSettings();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button className="user" aria-label={`Account menu for ${agent.name}`}>
          <Avatar name={agent.name} id={agent.id} size={26} />
          <span className="user__name">{agent.name}</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" side="top" align="start" sideOffset={4}>
          <DropdownMenu.Label className="menu__label">
            {agent.email} · {agent.role}
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="menu__sep" />
          <DropdownMenu.Label className="menu__label">Theme</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme} onValueChange={(v) => setTheme(v as ThemeChoice)}>
            <DropdownMenu.RadioItem value="system" className="menu__item">
              <MonitorIcon size={14} /> System
            </DropdownMenu.RadioItem>
            <DropdownMenu.RadioItem value="light" className="menu__item">
              <SunIcon size={14} /> Light
            </DropdownMenu.RadioItem>
            <DropdownMenu.RadioItem value="dark" className="menu__item">
              <MoonIcon size={14} /> Dark
            </DropdownMenu.RadioItem>
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="menu__sep" />
          <DropdownMenu.CheckboxItem className="menu__item" checked={n.sound} onCheckedChange={(v) => n.setSound(v === true)}>
            Sound for new messages {n.sound ? '✓' : ''}
          </DropdownMenu.CheckboxItem>
          {n.permission === 'default' && (
            <DropdownMenu.Item className="menu__item" onSelect={() => void n.requestPermission()}>
              Turn on desktop notifications
            </DropdownMenu.Item>
          )}
          {n.permission === 'denied' && <DropdownMenu.Label className="menu__label">Notifications are blocked in the browser settings</DropdownMenu.Label>}
          <DropdownMenu.Item className="menu__item" onSelect={onShowShortcuts}>
            <KeyboardIcon size={14} /> Keyboard shortcuts <kbd>?</kbd>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="menu__sep" />
          <DropdownMenu.Item className="menu__item" onSelect={() => void signOut()}>
            <LogOutIcon size={14} /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
