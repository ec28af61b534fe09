// API handlers of the pre-send guard: the agent's draft, and what the AI already promised.
import type { ConflictRulesFile } from '../../../shared/conflict-rules';
import type { AgentProfile, Ticket } from '../../../shared/domain';
import { type ApiHandlers, refuse } from '../api/router';
import { aiPromises } from './ai-promises';
import { checkDraft } from './guard';
import type { Policy } from './policy';

export interface GuardDeps {
  tickets: { get(ticketId: string): Ticket | undefined };
  agent: () => AgentProfile | null;
  policy: Policy;
  /** null when the rule file could not be loaded: policy checks still run. */
  rules: ConflictRulesFile | null;
}

export function createGuardHandlers(deps: GuardDeps): Pick<ApiHandlers, 'guard.check' | 'guard.aiPromises'> {
  return {
    'guard.check': ({ ticketId, draft }) => {
      const ticket = deps.tickets.get(ticketId);
      if (!ticket) throw refuse.ticketNotHere(ticketId);
      // Signed out (offline triage) the guard judges as an agent: the strictest limits.
      const a = deps.agent();
      const agent = { id: a?.id ?? 'local', name: a?.name ?? '坐席', role: a?.role ?? ('agent' as const) };
      return { warnings: checkDraft({ ticket, draft, agent }, deps.policy, deps.rules) };
    },
    'guard.aiPromises': ({ ticketId }) => {
      const ticket = deps.tickets.get(ticketId);
      if (!ticket) throw refuse.ticketNotHere(ticketId);
      return { promises: aiPromises(ticket, deps.policy, deps.rules) };
    },
  };
}
