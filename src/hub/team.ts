// The lead's team view: who is online, their status and load, and the queue length. Sent as
// team:snapshot periodically (HubCore's timer) and, debounced, whenever something changes.
import type { Role } from '../shared/domain';
import type { TeamTicket } from '../shared/hub-protocol';
import { waitingSince } from '../shared/waiting';
import type { HubContext } from './context';
import { isOnline, leadIds, statusOf } from './context';
import { send } from './delivery/send';
import { OWNED_STATUSES } from './tickets/lifecycle';

export interface TeamAgent {
  id: string;
  name: string;
  role: Role;
  online: boolean;
  status: 'online' | 'away' | 'busy' | 'offline';
  load: number;
  capacity: number;
}

const SNAPSHOT_DEBOUNCE_MS = 250;

/** Debounced team snapshot to leads on change. */
export function scheduleSnapshot(ctx: HubContext): void {
  if (ctx.snapshotTimer || ctx.closed) return;
  ctx.snapshotTimer = setTimeout(() => {
    ctx.snapshotTimer = undefined;
    void sendTeamSnapshot(ctx).catch((e: unknown) => ctx.log.error({ err: e }, 'snapshot failed'));
  }, SNAPSHOT_DEBOUNCE_MS);
  ctx.snapshotTimer.unref();
}

export async function teamView(ctx: HubContext): Promise<{ agents: TeamAgent[]; queued: number }> {
  const queued = await ctx.store.countTickets(['escalated']);
  const agents: TeamAgent[] = [];
  for (const u of ctx.users.values()) {
    if (u.role !== 'agent') continue;
    const status = statusOf(ctx, u.id);
    agents.push({
      id: u.id,
      name: u.name,
      role: u.role,
      online: status !== undefined,
      status: status ?? 'offline',
      load: ctx.load.get(u.id) ?? 0,
      capacity: u.capacity,
    });
  }
  return { agents, queued };
}

export async function sendTeamSnapshot(ctx: HubContext): Promise<void> {
  if (ctx.closed) return;
  const leads = leadIds(ctx).filter((id) => isOnline(ctx, id));
  if (!leads.length) return;
  await ctx.serial(async () => {
    const view = await teamView(ctx);
    for (const id of leads) await send(ctx, id, 'team:snapshot', { ...view, at: Date.now() });
  });
}

/** Queued or held by an agent: what a lead can still act on. */
const OPEN_STATUSES = ['escalated', ...OWNED_STATUSES] as const;

/** Every open ticket with its holder, most urgent first (the store orders by priority, then SLA). */
export async function teamTickets(ctx: HubContext): Promise<TeamTicket[]> {
  const heads = await ctx.store.listTicketHeads({ statuses: OPEN_STATUSES });
  const out: TeamTicket[] = [];
  for (const h of heads) {
    // the nickname and the conversation live in the ticket document, not in the routing columns
    const t = await ctx.store.getTicket(h.id);
    if (!t) continue;
    out.push({
      id: h.id,
      customerNickname: t.customer.nickname,
      intent: h.intent,
      priority: h.priority,
      status: h.status,
      assignedTo: h.assignedTo,
      slaDueAt: h.slaDueAt,
      slaBreached: h.slaBreached,
      waitingSince: waitingSince(t.messages, h.createdAt),
    });
  }
  return out;
}
