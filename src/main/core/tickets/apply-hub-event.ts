// Turns one validated hub event into local state. Runs inside the sync transaction, so it only writes
// to the store and returns what the UI should be told once the transaction has committed.
import type { ApiEventName } from '../../../shared/api';
import type { ServerEvent, ServerEventName } from '../../../shared/hub-protocol';
import type { Ticket } from '../../../shared/domain';
import { withSafeMedia } from '../../../shared/media-url';
import { REVOKE_REASONS } from '../../../shared/system-texts';
import type { ConflictStore } from '../conflicts/conflict-store';
import type { TicketStore } from './ticket-store';

export type UiNotice = { event: ApiEventName; payload: unknown };

export interface LocalStores {
  tickets: TicketStore;
  conflicts: ConflictStore;
  /** Records a hub-reported conversion against the marketing recommendation it came from (marketing feature). */
  onConverted?: (ticketId: string, orderId: string, recommendationId: string | undefined) => boolean;
  /** Origin of the hub these events came from: its /media/ paths are the only http media allowed. */
  hubOrigin?: string | null;
}

export function applyHubEvent(
  stores: LocalStores,
  name: ServerEventName,
  event: { seq: number },
): UiNotice[] {
  const store = stores.tickets;
  const hubOrigin = stores.hubOrigin ?? null;
  const notices: UiNotice[] = [];
  const upserted = (ticketId: string) => {
    const summary = store.summary(ticketId);
    if (summary) notices.push({ event: 'tickets.upserted', payload: summary });
  };
  const assigned = (received: Ticket, earlierMessages: number | undefined) => {
    const ticket = { ...received, messages: received.messages.map((m) => withSafeMedia(m, hubOrigin)) };
    store.upsertTicket(ticket);
    store.setEarlierMessages(ticket.id, earlierMessages ?? 0);
    upserted(ticket.id);
    notices.push({ event: 'tickets.changed', payload: { ticketId: ticket.id } });
  };
  switch (name) {
    case 'ticket:assigned': {
      const { ticket: received, earlierMessages } = event as ServerEvent<'ticket:assigned'>;
      assigned(received, earlierMessages);
      break;
    }
    case 'session:snapshot': {
      // the events missed are gone from the hub's log: its state replaces our open tickets
      const e = event as ServerEvent<'session:snapshot'>;
      const held = new Set(e.tickets.map((t) => t.ticket.id));
      for (const open of store.listOpen())
        if (!held.has(open.id) && store.setStatus(open.id, 'transferred'))
          notices.push({
            event: 'tickets.removed',
            payload: {
              ticketId: open.id,
              reason: REVOKE_REASONS.moved_while_offline.zh,
              code: 'moved_while_offline',
            },
          });
      for (const t of e.tickets) assigned(t.ticket, t.earlierMessages);
      for (const conflict of e.conflicts) {
        stores.conflicts.upsert(conflict);
        notices.push({ event: 'conflicts.changed', payload: conflict });
      }
      break;
    }
    case 'ticket:message': {
      const e = event as ServerEvent<'ticket:message'>;
      const { ticketId } = e;
      const message = withSafeMedia(e.message, hubOrigin);
      if (store.addMessage(message)) {
        notices.push({ event: 'tickets.message', payload: { ticketId, message } });
        upserted(ticketId);
      }
      break;
    }
    case 'ticket:status': {
      const { ticketId, status } = event as ServerEvent<'ticket:status'>;
      if (store.setStatus(ticketId, status)) {
        upserted(ticketId);
        notices.push({ event: 'tickets.changed', payload: { ticketId } });
      }
      break;
    }
    case 'ticket:priority': {
      const e = event as ServerEvent<'ticket:priority'>;
      if (store.setPriority(e.ticketId, e.priority, e.slaDueAt)) upserted(e.ticketId);
      break;
    }
    case 'ticket:revoked': {
      const { ticketId, reason, code, by } = event as ServerEvent<'ticket:revoked'>;
      if (store.setStatus(ticketId, 'transferred'))
        notices.push({
          event: 'tickets.removed',
          payload: { ticketId, reason, ...(code ? { code } : {}), ...(by ? { by } : {}) },
        });
      break;
    }
    case 'ticket:action': {
      const { action } = event as ServerEvent<'ticket:action'>;
      if (store.addAction(action))
        notices.push({ event: 'tickets.changed', payload: { ticketId: action.ticketId } });
      break;
    }
    case 'ticket:assist': {
      const e = event as ServerEvent<'ticket:assist'>;
      if (store.setAssist(e.ticketId, e.suggestions, e.recommendations))
        notices.push({ event: 'tickets.changed', payload: { ticketId: e.ticketId } });
      break;
    }
    case 'ticket:delivery': {
      const e = event as ServerEvent<'ticket:delivery'>;
      if (
        e.clientMsgId &&
        store.channel.record(e.ticketId, {
          clientMsgId: e.clientMsgId,
          status: e.status,
          reason: e.reason,
          at: e.at,
        })
      )
        notices.push({ event: 'tickets.changed', payload: { ticketId: e.ticketId } });
      break;
    }
    case 'conflict:raised':
    case 'conflict:decided': {
      const { conflict } = event as ServerEvent<'conflict:raised' | 'conflict:decided'>;
      stores.conflicts.upsert(conflict);
      notices.push({ event: 'conflicts.changed', payload: conflict });
      break;
    }
    case 'team:snapshot': {
      const { agents, queued, at } = event as ServerEvent<'team:snapshot'>;
      stores.conflicts.saveTeam({ agents, queued, at });
      notices.push({ event: 'team.snapshot', payload: { agents, queued, at } });
      break;
    }
    case 'order:converted': {
      const e = event as ServerEvent<'order:converted'>;
      if (stores.onConverted?.(e.ticketId, e.orderId, e.recommendationId))
        notices.push({ event: 'tickets.changed', payload: { ticketId: e.ticketId } });
      break;
    }
    // Knowledge versions are consumed by their feature through the core's onApplied hook; the cursor
    // still advances past them here.
    case 'kb:changed':
      break;
    default: {
      // A new server event must be handled (or consciously skipped) here: this fails to compile otherwise.
      const unhandled: never = name;
      void unhandled;
    }
  }
  return notices;
}
