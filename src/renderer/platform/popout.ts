// A conversation in its own window (a second monitor, or beside the queue): the same renderer loaded
// with `?popout=<ticketId>` next to the bridge token, so it reaches the same core. Electron lets only
// such same-origin URLs open as app windows (src/main/electron/window.ts).
import { POPOUT_ID_PATTERN, POPOUT_PARAM } from '../../shared/windows';

/** The ticket this window was opened for, or null in the main window. */
export function popoutTicketId(loc: Pick<Location, 'search'> = window.location): string | null {
  const id = new URLSearchParams(loc.search).get(POPOUT_PARAM);
  return id && POPOUT_ID_PATTERN.test(id) ? id : null;
}

export function popoutUrl(ticketId: string, loc: Pick<Location, 'href'> = window.location): string {
  const url = new URL(loc.href);
  url.searchParams.set(POPOUT_PARAM, ticketId);
  url.hash = '';
  return url.toString();
}

/** Opens (or focuses, by window name) the ticket's window; false when the platform blocked it. */
export function openPopout(ticketId: string): boolean {
  const win = window.open(popoutUrl(ticketId), `xiaoer-ticket-${ticketId}`, 'popup,width=980,height=820');
  if (!win) return false;
  win.focus();
  return true;
}
