// How client commands run: failures become Result errors (HubError keeps its code; anything else is
// logged and reported as INTERNAL), and idempotent commands store their answer for repeats.
import { fail, ok, type Result } from '../shared/result';
import { HubError, type Actor, type HubContext } from './context';

export async function guard<T>(ctx: HubContext, fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    if (err instanceof HubError) return fail(err.code, err.message);
    ctx.log.error({ err }, 'command failed');
    return fail('INTERNAL', 'internal hub error');
  }
}

/**
 * Idempotent command: a repeat of (actor, command, key) returns the stored answer and has no effect.
 * Failures are not stored, so a corrected retry can still succeed.
 */
export function idempotent<T>(
  ctx: HubContext,
  actor: Actor,
  command: string,
  key: string,
  fn: () => Promise<T>,
): Promise<Result<T>> {
  return guard(ctx, () =>
    ctx.serial(async () => {
      const prior = await ctx.store.getCommandResult(actor.id, command, key);
      if (prior !== undefined) return prior as T;
      const result = await fn();
      await ctx.store.putCommandResult(actor.id, command, key, result, Date.now());
      return result;
    }, `actor\u0001${actor.id}`),
  );
}
