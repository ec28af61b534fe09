// Disabling and demoting accounts on a running hub. The change is stored, the in-memory user mirror is
// refreshed, the user's tickets go back to routing if they can no longer hold them, and `access` is
// emitted so the socket layer drops their sockets at once. A change made by another process (the hub
// CLI on the same database file) is picked up by `syncUserAccess`, which the server runs periodically.
import type { HubContext } from '../context';
import { rerouteAgent } from '../routing/assign';
import type { UserAccessChange, UserRecord } from '../store/types';
import { accessChanged } from './access';

export async function setUserAccess(
  ctx: HubContext,
  userId: string,
  change: UserAccessChange,
): Promise<UserRecord | undefined> {
  return ctx.serial(async () => {
    const before = ctx.users.get(userId) ?? (await ctx.store.getUser(userId));
    const after = await ctx.store.setUserAccess(userId, change);
    await applyChanges(ctx, before ? [before] : []);
    return after;
  });
}

/** Re-reads every user; for those whose role or disabled flag changed, refreshes and drops sessions. */
export async function syncUserAccess(ctx: HubContext): Promise<string[]> {
  return ctx.serial(() => applyChanges(ctx, [...ctx.users.values()]));
}

async function applyChanges(ctx: HubContext, before: readonly UserRecord[]): Promise<string[]> {
  const fresh = new Map((await ctx.store.listUsers()).map((u) => [u.id, u]));
  const changed = before.filter((b) => accessChanged(b, fresh.get(b.id)));
  ctx.users = fresh;
  for (const b of changed) {
    const now = fresh.get(b.id);
    ctx.log.info({ userId: b.id, role: now?.role, disabled: now?.disabled }, 'user access changed');
    // Sockets first (afterCommit keeps the usual order: state, then what clients see).
    ctx.afterCommit(() => ctx.emit('access', b.id));
  }
  for (const b of changed) {
    const now = fresh.get(b.id);
    if (b.role === 'agent' && (!now || now.disabled || now.role !== 'agent')) {
      // Their sockets are about to drop; their tickets should not wait out the grace period.
      const p = ctx.presence.get(b.id);
      if (p) p.sinks.clear();
      await rerouteAgent(ctx, b.id, '坐席账号已停用或角色变更，工单已转派');
    }
  }
  return changed.map((c) => c.id);
}
