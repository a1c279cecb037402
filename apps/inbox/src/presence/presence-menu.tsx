import { DropdownMenu } from 'radix-ui';
import type { ApiError } from '../api/api-error';
import type { Presence } from '../api/api-types';
import { useSession, useSignedIn } from '../auth/session-context';
import { ChevronDownIcon } from '../ui/icons';
import { useToast } from '../ui/toast';

const LABEL: Record<Presence, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/**
 * Online / away / offline (routing will use it), saved with `PUT /me/presence`.
 *
 * @example
 * <PresenceMenu />
 */
export function PresenceMenu() {
  const { agent, api } = useSignedIn();
  const { updateAgent } = useSession();
  const toast = useToast();
  async function set(presence: Presence) {
    try {
      updateAgent(await api.setPresence(presence));
    } catch (err) {
      toast.show((err as ApiError).message, 'error');
    }
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button className="presence" aria-label={`Presence: ${LABEL[agent.presence]}. Change presence`}>
          <span className={`dot dot--${agent.presence}`} aria-hidden="true" />
          <span>{LABEL[agent.presence]}</span>
          <ChevronDownIcon size={12} />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" side="top" align="start" sideOffset={4}>
          <DropdownMenu.RadioGroup value={agent.presence} onValueChange={(v) => void set(v as Presence)}>
            {(['online', 'away', 'offline'] as const).map((p) => (
              <DropdownMenu.RadioItem key={p} value={p} className="menu__item">
                <span className={`dot dot--${p}`} aria-hidden="true" /> {LABEL[p]}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
