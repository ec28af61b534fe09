// Wires the audit trail into the API: records PII reveals (audit.piiRevealed, called by the renderer
// before it unmasks), sign-ins (success or failure) and ticket closes, around the existing handlers so
// those features stay unaware of auditing.
import type { ApiHandlers } from '../api/router';
import type { AuditLog } from './audit-log';

type Handlers = Omit<ApiHandlers, 'audit.piiRevealed'>;

/** Only the origin of the hub: a URL's path or query could carry anything. */
function hubOrigin(hubUrl: string): string {
  try {
    return new URL(hubUrl).origin;
  } catch {
    return 'invalid-url';
  }
}

/** `audit` may be a getter: a sign-in can switch to another user's database (and audit log) midway. */
export function withAudit(
  audit: AuditLog | (() => AuditLog),
  agentId: () => string | null,
  handlers: Handlers,
): ApiHandlers {
  const trail = (): AuditLog => (typeof audit === 'function' ? audit() : audit);
  const login = handlers['session.login'];
  const close = handlers['tickets.close'];
  return {
    ...handlers,
    'audit.piiRevealed': ({ ticketId, field }) => {
      const entry = trail().append({
        kind: 'pii.revealed',
        actor: agentId(),
        subject: ticketId,
        detail: { field: field ?? 'all' },
      });
      return { seq: entry.seq };
    },
    'session.login': async (input) => {
      const record = (outcome: string) =>
        trail().append({
          kind: 'session.login',
          actor: input.username,
          subject: null,
          detail: { hub: hubOrigin(input.hubUrl), outcome },
        });
      try {
        const state = await login(input);
        // A refused password comes back as a state with lastError, not as a throw.
        record(state.agent ? 'signed_in' : state.lastError ? 'refused' : state.phase);
        return state;
      } catch (err) {
        record('error');
        throw err;
      }
    },
    'tickets.close': async (input) => {
      const result = await close(input);
      trail().append({
        kind: 'ticket.closed',
        actor: result.outcome.agentId,
        subject: input.ticketId,
        detail: { resolution: input.resolution },
      });
      return result;
    },
  };
}
