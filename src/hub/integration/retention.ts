// The hub's retention pass over the integration records of a store that does not expire them itself
// (SQLite: store/sqlite/integration-retention.ts; Redis keys expire and the store has no pruning).
// Each bounded step is one serial unit, so it never interleaves with a unit and units queued meanwhile
// run between steps instead of waiting for the whole pass.
import type { HubContext } from '../context';
import type { RetentionStep } from '../store/types';

/** How often the hub's timer runs a pass (HubCoreOptions.retentionSweepMs): the windows are days long. */
export const RETENTION_SWEEP_MS = 5 * 60_000;
/** Steps one pass runs at most (each ≤ PRUNE_BATCH rows a statement); a bigger backlog waits for the next. */
const MAX_STEPS_PER_PASS = 100;

/** Prunes what is past its retention now; returns the rows removed (all kinds). */
export async function pruneIntegrationRecords(ctx: HubContext): Promise<number> {
  const store = ctx.store;
  if (!store.pruneIntegrationRecords) return 0;
  const removed: Omit<RetentionStep, 'more'> = {
    inboundEvents: 0,
    conversations: 0,
    outbox: 0,
    messageDeliveries: 0,
  };
  const kinds = Object.keys(removed) as (keyof typeof removed)[];
  for (let step = 0; step < MAX_STEPS_PER_PASS && !ctx.closed; step++) {
    const done = await ctx.serial(() => store.pruneIntegrationRecords!(Date.now()));
    for (const kind of kinds) removed[kind] += done[kind];
    if (!done.more) break;
  }
  const total = kinds.reduce((sum, kind) => sum + removed[kind], 0);
  if (total) ctx.log.info(removed, 'integration records past their retention pruned');
  return total;
}
