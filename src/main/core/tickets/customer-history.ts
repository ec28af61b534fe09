// A returning customer's earlier tickets. Online the hub answers (every agent's tickets, with how each
// ended); offline this workstation still knows the tickets it handled itself, read from its own store.
import type { CustomerPastTicket } from '../../../shared/hub-protocol';
import type { Message, Ticket } from '../../../shared/domain';
import { openerOf } from '../../../shared/waiting';
import { ApiError, type ApiHandlers, refuse } from '../api/router';
import type { Db } from '../db/database';
import type { Session } from '../session/session';
import type { TicketStore } from './ticket-store';

const LIMIT = 20;

/** This machine's other tickets of the same customer, newest first (the customer id is stored in clear). */
export function localCustomerTickets(db: Db, ticket: Ticket, agentName: string | null): CustomerPastTicket[] {
  const rows = db
    .prepare(
      `SELECT id, status, created_at AS createdAt, json_extract(data, '$.intent') AS intent FROM tickets
       WHERE json_extract(data, '$.customer.id') = ? AND id != ? ORDER BY created_at DESC LIMIT ?`,
    )
    .all(ticket.customer.id, ticket.id, LIMIT) as Pick<
    CustomerPastTicket,
    'id' | 'status' | 'createdAt' | 'intent'
  >[];
  const firstMessages = db.prepare(
    'SELECT data FROM messages WHERE ticket_id = ? ORDER BY at, rowid LIMIT 20',
  );
  return rows.map((r) => ({
    ...r,
    // the stored (redacted) copy: history shows no personal data it does not need
    opener: openerOf(
      (firstMessages.all(r.id) as { data: string }[]).map((m) => JSON.parse(m.data) as Message),
    ),
    agentName,
    outcome: null,
  }));
}

export function createCustomerHistoryHandler(
  db: Db,
  store: TicketStore,
  session: Session,
): Pick<ApiHandlers, 'tickets.customerHistory'> {
  return {
    'tickets.customerHistory': async ({ ticketId }) => {
      if (!store.has(ticketId)) throw refuse.ticketNotHere(ticketId);
      const sync = session.sync;
      if (sync?.currentPhase === 'online') {
        const r = await sync.command('customer:history', { ticketId });
        if (r.ok) return { source: 'hub' as const, tickets: r.data.tickets };
        // A ticket imported for offline triage may be unknown to the hub: fall back to what is here.
        if (r.error.code !== 'NOT_FOUND' && r.error.code !== 'FORBIDDEN')
          throw new ApiError(r.error.code, r.error.message);
      }
      const ticket = store.get(ticketId);
      if (!ticket) throw refuse.ticketNotHere(ticketId);
      return {
        source: 'local' as const,
        tickets: localCustomerTickets(db, ticket, session.agent?.name ?? null),
      };
    },
  };
}
