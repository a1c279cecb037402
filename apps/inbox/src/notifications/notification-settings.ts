import { useCallback, useSyncExternalStore } from 'react';

const SOUND_KEY = 'switchboard.sound';
const DISMISS_KEY = 'switchboard.notifications.dismissed';
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const emit = () => {
  for (const l of listeners) l();
};

function get(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function put(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not kept
  }
  emit();
}

/** Whether the chime plays (on by default). */
export function soundEnabled(): boolean {
  return get(SOUND_KEY) !== 'off';
}

/** The desktop notification permission, or `unsupported`. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Notification preferences as React state: sound on/off, the permission, the banner's dismissal.
 *
 * @example
 * const n = useNotificationSettings(); n.requestPermission();
 */
export function useNotificationSettings() {
  const sound = useSyncExternalStore(subscribe, soundEnabled, soundEnabled);
  const permission = useSyncExternalStore(subscribe, notificationPermission, notificationPermission);
  const dismissed = useSyncExternalStore(subscribe, () => get(DISMISS_KEY) === '1', () => false);
  const setSound = useCallback((on: boolean) => put(SOUND_KEY, on ? 'on' : 'off'), []);
  const dismiss = useCallback(() => put(DISMISS_KEY, '1'), []);
  const requestPermission = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    await Notification.requestPermission();
    emit();
  }, []);
  return { sound, setSound, permission, dismissed, dismiss, requestPermission };
}
