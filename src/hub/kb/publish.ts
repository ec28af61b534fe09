// Knowledge distribution: a publish is one new version in the store plus a seq'd kb:changed to every
// user, so users who are offline learn about it when they resume and pull the delta.
import type { HubContext } from '../context';
import { HubError } from '../context';
import { send } from '../delivery/send';
import type { KbDocInput } from '../store/types';

/** Runs inside a serial unit. */
export async function publishKb(
  ctx: HubContext,
  upserts: readonly KbDocInput[],
  deleteIds: readonly string[],
): Promise<{ version: number }> {
  if (!upserts.length && !deleteIds.length) throw new HubError('BAD_REQUEST', 'nothing to publish');
  const version = await ctx.store.kbPublish(upserts, deleteIds, Date.now());
  for (const u of ctx.users.values()) await send(ctx, u.id, 'kb:changed', { version });
  return { version };
}
