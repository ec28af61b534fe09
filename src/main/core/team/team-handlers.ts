// The lead's view of the team's tickets, reassigning them, and the feedback loop's figures. The list is live hub state (who holds
// what right now), so it needs the hub; a reassignment is a lead's decision and, like a conflict
// decision, is stored in the outbox first and delivered (idempotently) when the link allows.
import { randomUUID } from 'node:crypto';
import { ApiError, type ApiHandlers } from '../api/router';
import type { OutboxService } from '../outbox/outbox-service';
import type { Session } from '../session/session';
import { coreText } from '../../../shared/core-texts';

type TeamHandlers = Pick<
  ApiHandlers,
  'team.tickets' | 'team.ticket' | 'team.metrics' | 'team.whisper' | 'team.reassign'
>;

/** The hub checks roles too; checking here keeps an agent's request out of the outbox altogether. */
function requireLead(session: Session, what: string): void {
  const agent = session.agent;
  if (!agent || agent.role === 'agent')
    throw new ApiError('FORBIDDEN', `only a team lead can ${what}`, coreText('refusal.lead_only', {}));
}

/** The team's tickets are live hub state: reading them needs the link. */
function onlineSync(session: Session) {
  const sync = session.sync;
  if (!sync || sync.currentPhase !== 'online')
    throw new ApiError(
      'UNAVAILABLE',
      "the team's tickets are only known to the hub: offline",
      coreText('refusal.offline', { needs: 'team_tickets' }),
    );
  return sync;
}

export function createTeamHandlers(session: Session, outbox: OutboxService): TeamHandlers {
  return {
    'team.tickets': async () => {
      requireLead(session, "see the team's tickets");
      const r = await onlineSync(session).command('team:tickets', {});
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      return r.data.tickets.map((t) => ({
        ...t,
        reassignPending: outbox.outbox.keysFor(t.id, 'ticket:transfer').pending.length > 0,
      }));
    },
    'team.ticket': async ({ ticketId }) => {
      requireLead(session, "read a colleague's ticket");
      const r = await onlineSync(session).command('team:ticket', { ticketId });
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      return r.data.ticket;
    },
    'team.metrics': async ({ intent }) => {
      requireLead(session, "see the team's figures");
      const r = await onlineSync(session).command('metrics:get', intent ? { intent } : {});
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      return r.data;
    },
    'team.whisper': ({ ticketId, text }) => {
      requireLead(session, 'leave a note for the agent');
      const idempotencyKey = randomUUID();
      outbox.outbox.enqueue('ticket:whisper', { ticketId, idempotencyKey, text }, idempotencyKey, ticketId);
      session.notify();
      outbox.flush();
      return { ticketId, idempotencyKey };
    },
    'team.reassign': ({ ticketId, toAgentId, reason }) => {
      requireLead(session, 'reassign a ticket');
      const idempotencyKey = randomUUID();
      outbox.outbox.transaction(() => {
        // A second click while the first is still queued would move the ticket twice ("best available"
        // picks someone new each time): one reassignment per ticket waits in the outbox at a time.
        if (outbox.outbox.keysFor(ticketId, 'ticket:transfer').pending.length > 0)
          throw new ApiError(
            'CONFLICT',
            `a reassignment of ${ticketId} is already waiting to sync`,
            coreText('refusal.reassign_waiting', {}),
          );
        outbox.outbox.enqueue(
          'ticket:transfer',
          { ticketId, idempotencyKey, reason, ...(toAgentId ? { toAgentId } : {}) },
          idempotencyKey,
          ticketId,
        );
      });
      session.notify();
      outbox.flush();
      return { ticketId, idempotencyKey };
    },
  };
}
