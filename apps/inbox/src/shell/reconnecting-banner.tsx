import { useEffect, useState } from 'react';
import { useRealtimeStatus } from '../realtime/realtime-context';

/**
 * "Reconnecting…" while the live connection is down; "Back online" briefly once it is caught up.
 * Never asks the agent to refresh: the connection resumes where it stopped.
 *
 * @example
 * <ReconnectingBanner />
 */
export function ReconnectingBanner() {
  const status = useRealtimeStatus();
  const [recovered, setRecovered] = useState(false);
  const [wasDown, setWasDown] = useState(false);

  useEffect(() => {
    if (status === 'reconnecting') {
      setWasDown(true);
      setRecovered(false);
    } else if (status === 'live' && wasDown) {
      setWasDown(false);
      setRecovered(true);
      const t = setTimeout(() => setRecovered(false), 2500);
      return () => clearTimeout(t);
    }
  }, [status, wasDown]);

  return (
    // data-realtime tells tests (and support tooling) the live connection's state.
    <div className="banner-slot" role="status" aria-live="polite" data-realtime={status}>
      {status === 'reconnecting' && (
        <div className="banner banner--warn">
          <span className="spinner" aria-hidden="true" />
          Reconnecting… New messages will appear as soon as the connection is back.
        </div>
      )}
      {recovered && status === 'live' && <div className="banner banner--ok">Back online — you are up to date.</div>}
    </div>
  );
}
