// A long ticket arrives as its recent part (the hub's snapshot); the agent pages older messages in on
// request. Each page is `ticket:messages` before the first message held here, stored without
// counting as unread.
import { SNAPSHOT_MESSAGES } from '../../../shared/hub-protocol';
import { ApiError, type ApiHandlers, refuse } from '../api/router';
import type { Session } from '../session/session';
import type { TicketStore } from './ticket-store';
import { coreText } from '../../../shared/core-texts';

export function createEarlierMessagesHandler(
  store: TicketStore,
  session: Session,
): Pick<ApiHandlers, 'tickets.loadEarlier'> {
  return {
    'tickets.loadEarlier': async ({ ticketId }) => {
      if (!store.has(ticketId)) throw refuse.ticketNotHere(ticketId);
      const before = store.earlierMessages(ticketId);
      if (before === 0) return { added: 0, earlierMessages: 0 };
      const sync = session.sync;
      if (!sync)
        throw new ApiError(
          'UNAVAILABLE',
          'offline: older messages load from the hub',
          coreText('refusal.offline', { needs: 'earlier_messages' }),
        );
      const r = await sync.command('ticket:messages', { ticketId, before, limit: SNAPSHOT_MESSAGES });
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      const added = store.transaction(() => {
        const n = store.addEarlierMessages(r.data.messages);
        store.setEarlierMessages(ticketId, r.data.start);
        return n;
      });
      return { added, earlierMessages: r.data.start };
    },
  };
}
