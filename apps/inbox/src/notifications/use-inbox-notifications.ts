import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { useSignedIn } from '../auth/session-context';
import { asConversationEvent } from '../realtime/core-event';
import { useRealtime } from '../realtime/realtime-context';
import { useInboxData, useMine } from '../shell/inbox-context';
import { notificationPermission, soundEnabled } from './notification-settings';
import { playChime } from './sound';

/**
 * Keeps the tab title's badge at the number of my conversations waiting for a reply, and turns
 * new customer messages in conversations assigned to me into a desktop notification and a chime
 * (unless I am looking at that conversation).
 *
 * @example
 * useInboxNotifications(); // once, in the shell
 */
export function useInboxNotifications(): void {
  const { agent } = useSignedIn();
  const { client } = useRealtime();
  const { mine, summaries } = useInboxData();
  const mineSnapshot = useMine();
  const [location, navigate] = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;

  const waiting = mineSnapshot.items.filter((c) => c.waitingSince).length;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting > 999 ? '999+' : waiting}) Switchboard` : 'Switchboard';
  }, [waiting]);

  useEffect(
    () =>
      client.subscribe((cloudEvent) => {
        const event = asConversationEvent(cloudEvent);
        if (event?.type !== 'core.message.received.v1') return;
        const id = event.data.conversationId;
        const conv = mine.getSnapshot().items.find((c) => c.id === id);
        if (!conv || conv.assigneeId !== agent.id) return;
        const looking = !document.hidden && locationRef.current.endsWith(`/${id}`);
        if (looking) return;
        if (soundEnabled()) playChime();
        if (notificationPermission() !== 'granted') return;
        const m = event.data.message;
        const title = m.sender.name ?? summaries.get(id)?.contactName ?? 'New message';
        const notification = new Notification(title, { body: m.text || '📎 Attachment', tag: id });
        notification.onclick = () => {
          window.focus();
          navigate(`/mine/${id}`);
          notification.close();
        };
      }),
    [client, mine, summaries, agent.id, navigate],
  );
}
