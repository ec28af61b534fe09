// Desktop notifications for new escalations. Permission is asked once; if the agent (or the
// platform) refuses, we stay silent and the queue badge and title count still carry the news.
import type { TicketSummary } from '../../shared/api';

let asked = false;
/**
 * Notification.permission asks the browser process each time it is read (a synchronous round trip,
 * tens of milliseconds on a busy machine, for every ticket of a burst): read once, then kept current
 * from the permission request's answer and the Permissions API's change events.
 */
let permission: NotificationPermission | null = null;

function supported(): boolean {
  return typeof Notification !== 'undefined';
}

function currentPermission(): NotificationPermission {
  if (permission === null) {
    permission = Notification.permission;
    void navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => {
        status.onchange = () => {
          permission = Notification.permission;
        };
      })
      .catch(() => undefined);
  }
  return permission;
}

/** Call from a user gesture where possible (sign-in), since browsers may ignore other requests. */
export function askNotificationPermissionOnce(): void {
  if (asked || !supported() || currentPermission() !== 'default') return;
  asked = true;
  Notification.requestPermission()
    .then((answer) => {
      permission = answer;
    })
    .catch(() => undefined);
}

export function notifyNewTicket(
  ticket: TicketSummary,
  text: { title: string; body: string },
  onClick: (ticketId: string) => void,
): void {
  // One notification per ticket: a re-sent escalation replaces rather than stacks.
  notify(`ticket-${ticket.id}`, text, () => onClick(ticket.id));
}

/** A desktop notification; one with the same tag replaces the previous one. */
export function notify(tag: string, text: { title: string; body: string }, onClick: () => void): void {
  if (!supported()) return;
  const now = currentPermission();
  if (now === 'default') {
    askNotificationPermissionOnce();
    return;
  }
  if (now !== 'granted') return;
  try {
    const n = new Notification(text.title, { body: text.body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the in-app signals remain.
  }
}
