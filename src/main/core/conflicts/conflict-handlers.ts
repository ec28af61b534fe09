// The lead's conflict queue. A decision is recorded locally at once and travels to the hub through the
// outbox (idempotent), so a lead can settle conflicts on a flaky link too.
import { randomUUID } from 'node:crypto';
import { ApiError, type ApiHandlers } from '../api/router';
import type { CoreEvents } from '../events';
import type { OutboxService } from '../outbox/outbox-service';
import type { Session } from '../session/session';
import type { ConflictStore } from './conflict-store';
import { coreText } from '../../../shared/core-texts';

type ConflictHandlers = Pick<ApiHandlers, 'conflicts.list' | 'conflicts.resolve' | 'team.snapshot'>;

export function createConflictHandlers(
  conflicts: ConflictStore,
  session: Session,
  events: CoreEvents,
  outbox: OutboxService,
): ConflictHandlers {
  return {
    'conflicts.list': ({ status }) => conflicts.list(status),
    'conflicts.resolve': ({ conflictId, choice, note }) => {
      const agent = session.agent;
      if (!agent || agent.role === 'agent')
        throw new ApiError(
          'FORBIDDEN',
          'only a team lead can settle a conflict',
          coreText('refusal.lead_only', {}),
        );
      const conflict = conflicts.get(conflictId);
      if (!conflict) throw new ApiError('NOT_FOUND', `no conflict ${conflictId}`);
      if (conflict.status === 'resolved')
        throw new ApiError(
          'CONFLICT',
          `conflict ${conflictId} is already settled`,
          coreText('refusal.conflict_settled', {}),
        );
      const decided = {
        ...conflict,
        status: 'resolved' as const,
        decision: { choice, note, by: agent.id, at: Date.now() },
      };
      const idempotencyKey = randomUUID();
      outbox.outbox.transaction(() => {
        conflicts.upsert(decided);
        outbox.outbox.enqueue(
          'conflict:resolve',
          { conflictId, idempotencyKey, choice, note },
          idempotencyKey,
          conflict.ticketId,
        );
      });
      events.emit('conflicts.changed', decided);
      session.notify();
      outbox.flush();
      return decided;
    },
    'team.snapshot': () => conflicts.team(),
  };
}
