import { BellIcon } from '../ui/icons';
import { useNotificationSettings } from './notification-settings';

/**
 * A polite offer to turn on desktop notifications; the browser's prompt appears only when the
 * agent clicks, never on load. Hidden once decided or dismissed.
 *
 * @example
 * <NotificationBanner />
 */
export function NotificationBanner() {
  const n = useNotificationSettings();
  if (n.permission !== 'default' || n.dismissed) return null;
  return (
    <div className="banner banner--info" role="region" aria-label="Desktop notifications">
      <BellIcon size={14} />
      <span>Get a desktop notification when a customer writes in one of your conversations.</span>
      <button className="btn btn--small btn--primary" onClick={() => void n.requestPermission()}>
        Turn on notifications
      </button>
      <button className="btn btn--small btn--ghost" onClick={n.dismiss}>
        Not now
      </button>
    </div>
  );
}
