// Pure helpers for the lead's team-ticket view: grouping the hub's open tickets by who holds them, and
// which agents can take a reassigned ticket right now.
import type { TeamSnapshot, TeamTicketView } from '../../shared/api';

/** 'all', 'queued' (nobody holds it yet) or an agent id. */
export type AgentFilter = string;
export const QUEUED = 'queued';

export interface TicketGroup {
  /** null = the queue. */
  agentId: string | null;
  name: string;
  tickets: TeamTicketView[];
}

/**
 * Queue first (nobody is on those), then agents in the team board's order, then holders the board
 * does not know (e.g. a snapshot not yet received); tickets keep the hub's most-urgent-first order.
 */
export function groupTickets(
  tickets: readonly TeamTicketView[],
  team: TeamSnapshot | null,
  filter: AgentFilter,
): TicketGroup[] {
  const names = new Map((team?.agents ?? []).map((a) => [a.id, a.name]));
  const order = new Map((team?.agents ?? []).map((a, i) => [a.id, i]));
  const groups = new Map<string | null, TicketGroup>();
  for (const t of tickets) {
    const key = t.assignedTo;
    if (filter !== 'all' && (filter === QUEUED ? key !== null : key !== filter)) continue;
    let g = groups.get(key);
    if (!g) {
      g = { agentId: key, name: key === null ? '' : (names.get(key) ?? key), tickets: [] };
      groups.set(key, g);
    }
    g.tickets.push(t);
  }
  const rank = (g: TicketGroup) =>
    g.agentId === null ? -1 : (order.get(g.agentId) ?? Number.MAX_SAFE_INTEGER);
  return [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || (a.agentId ?? '').localeCompare(b.agentId ?? ''),
  );
}

/** Agents the hub would accept as a named target: online (not away/busy), with a free seat, not the holder. */
export function reassignTargets(team: TeamSnapshot | null, holder: string | null) {
  return (team?.agents ?? []).filter((a) => a.status === 'online' && a.load < a.capacity && a.id !== holder);
}
