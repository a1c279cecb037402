import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { useSignedIn } from '../auth/session-context';
import { asConversationEvent } from '../realtime/core-event';
import { useRealtime } from '../realtime/realtime-context';
import { useCounts, useInboxData } from '../shell/inbox-context';
import { notificationPermission, soundEnabled } from './notification-settings';
import { playChime } from './sound';

/**
 * Keeps the tab title's badge at the number of my open conversations with unread customer
 * messages (`GET /conversations/counts`), and turns new customer messages in conversations
 * assigned to me into a desktop notification and a chime (unless I am looking at that conversation).
 *
 * @example
 * useInboxNotifications(); // once, in the shell
 */
export function useInboxNotifications(): void {
  const { agent } = useSignedIn();
  const { client } = useRealtime();
  const { assignees } = useInboxData();
  const { counts } = useCounts();
  const [location, navigate] = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;

  const unread = counts?.unread ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread > 999 ? '999+' : unread}) Switchboard` : 'Switchboard';
  }, [unread]);

  useEffect(
    () =>
      client.subscribe((cloudEvent) => {
        const event = asConversationEvent(cloudEvent);
        if (event?.type !== 'core.message.received.v1' || event.data.message.private) return;
        const id = event.data.conversationId;
        const m = event.data.message;
        // Nothing to do when neither a sound nor a notification would follow: no need to ask.
        if (!soundEnabled() && notificationPermission() !== 'granted') return;
        void assignees.lookup(id).then(
          (assigneeId) => {
            if (assigneeId !== agent.id) return;
            const looking = !document.hidden && locationRef.current.split('?')[0]!.endsWith(`/${id}`);
            if (looking) return;
            if (soundEnabled()) playChime();
            if (notificationPermission() !== 'granted') return;
            const notification = new Notification(m.sender.name ?? 'New message', { body: m.text || '📎 Attachment', tag: id });
            notification.onclick = () => {
              window.focus();
              navigate(`/mine/${id}`);
              notification.close();
            };
          },
          () => undefined,
        );
      }),
    [client, assignees, agent.id, navigate],
  );
}
