// API handlers for the queue and the conversation.
import { randomUUID } from 'node:crypto';
import type { Outcome } from '../../../shared/domain';
import { ApiError, type ApiHandlers } from '../api/router';
import type { CoreEvents } from '../events';
import type { Session } from '../session/session';
import type { TicketStore } from './ticket-store';

type TicketHandlers = Pick<ApiHandlers, 'tickets.list' | 'tickets.get' | 'tickets.markRead' | 'tickets.reply' | 'tickets.close'>;

export function createTicketHandlers(store: TicketStore, session: Session, events: CoreEvents): TicketHandlers {
  const requireTicket = (ticketId: string) => {
    const ticket = store.get(ticketId);
    if (!ticket) throw new ApiError('NOT_FOUND', `no ticket ${ticketId} on this workstation`);
    return ticket;
  };
  const requireSync = () => {
    const sync = session.sync;
    if (!sync) throw new ApiError('UNAVAILABLE', 'not signed in to a hub');
    return sync;
  };

  return {
    'tickets.list': () => store.listOpen(),
    'tickets.get': ({ ticketId }) => requireTicket(ticketId),
    'tickets.markRead': ({ ticketId }) => {
      requireTicket(ticketId);
      store.markRead(ticketId);
      const summary = store.summary(ticketId);
      if (summary) events.emit('tickets.upserted', summary);
      return { unread: 0 as const };
    },
    'tickets.reply': async ({ ticketId, body }) => {
      requireTicket(ticketId);
      const result = await requireSync().command('ticket:reply', { ticketId, clientMsgId: randomUUID(), body });
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      const { message } = result.data;
      if (store.addMessage(message)) {
        events.emit('tickets.message', { ticketId, message });
        const summary = store.summary(ticketId);
        if (summary) events.emit('tickets.upserted', summary);
      }
      return { message };
    },
    'tickets.close': async ({ ticketId, resolution, note, tags }) => {
      const ticket = requireTicket(ticketId);
      const agent = session.agent;
      if (!agent) throw new ApiError('UNAUTHORIZED', 'sign in before closing tickets');
      const facts = store.handlingFacts(ticketId);
      const now = Date.now();
      const startedAt = facts?.openedAt ?? ticket.assignedAt ?? ticket.createdAt;
      const outcome: Outcome = {
        idempotencyKey: randomUUID(),
        ticketId,
        agentId: agent.id,
        intent: ticket.intent,
        resolution,
        handleTimeMs: Math.max(0, now - startedAt),
        firstResponseMs: facts?.firstResponseAt != null ? Math.max(0, facts.firstResponseAt - startedAt) : null,
        messagesSent: facts?.messagesSent ?? 0,
        suggestionEvents: [],
        marketingEvents: [],
        conflictIds: [],
        tags,
        csat: null,
        note,
        closedAt: now,
      };
      const result = await requireSync().command('ticket:outcome', outcome);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      store.setStatus(ticketId, resolution === 'pending' ? 'pending' : resolution);
      events.emit('tickets.removed', { ticketId, reason: resolution });
      return { outcome };
    },
  };
}
