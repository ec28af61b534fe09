// The persistence the hub needs from Redis, checked at start (CONFIG GET). With `appendonly yes` and
// `appendfsync always` a crash of Redis loses no acknowledged change; with `everysec` up to about one
// second of acknowledged changes; with AOF off (RDB snapshots only) everything since the last snapshot.
//
// The AOF records every write, so it must also be rewritten now and then (Redis rewrites it in the
// background from the data set once it has grown by `auto-aof-rewrite-percentage` % past its size after
// the last rewrite, and is at least `auto-aof-rewrite-min-size`). With the percentage at 0 it is never
// rewritten and grows with every change, however small the data (the streams are trimmed: redis/events.ts),
// and a restart replays all of it, answering LOADING meanwhile.
import type { RedisClient } from './unit';

export interface DurabilityReport {
  appendonly: string;
  appendfsync: string;
  /** auto-aof-rewrite-percentage ('0' = automatic rewrites off) */
  aofRewritePercentage: string;
  /** auto-aof-rewrite-min-size, bytes */
  aofRewriteMinSize: string;
  /** null = the settings are what the hub requires (AOF + fsync always) */
  warning: string | null;
  /** null = the AOF is compacted automatically (or AOF is off: see warning) */
  compactionWarning: string | null;
}

/** A min-size past this (1 GiB) means, for the hub's data, that the AOF is in practice never rewritten. */
const MAX_SENSIBLE_MIN_SIZE = 1024 ** 3;

export async function checkDurability(client: RedisClient): Promise<DurabilityReport> {
  let cfg: Record<string, string>;
  try {
    cfg = (await client.configGet([
      'appendonly',
      'appendfsync',
      'auto-aof-rewrite-percentage',
      'auto-aof-rewrite-min-size',
    ])) as Record<string, string>;
  } catch (err) {
    return {
      appendonly: '?',
      appendfsync: '?',
      aofRewritePercentage: '?',
      aofRewriteMinSize: '?',
      warning: `cannot read Redis persistence settings (CONFIG GET refused: ${(err as Error).message}); make sure appendonly=yes and appendfsync=always`,
      compactionWarning:
        'cannot read the AOF rewrite settings; make sure auto-aof-rewrite-percentage is above 0 (Redis default 100)',
    };
  }
  const appendonly = cfg.appendonly ?? '?';
  const appendfsync = cfg.appendfsync ?? '?';
  const aofRewritePercentage = cfg['auto-aof-rewrite-percentage'] ?? '?';
  const aofRewriteMinSize = cfg['auto-aof-rewrite-min-size'] ?? '?';
  let warning: string | null = null;
  if (appendonly !== 'yes')
    warning =
      'Redis runs without AOF (appendonly no): a crash of Redis loses every ticket change since the last RDB snapshot. Start redis-server with --appendonly yes --appendfsync always.';
  else if (appendfsync === 'everysec')
    warning =
      'Redis appendfsync is everysec: a crash of the Redis machine can lose about the last second of acknowledged ticket changes. Use --appendfsync always for no loss.';
  else if (appendfsync !== 'always')
    warning = `Redis appendfsync is ${appendfsync}: the OS decides when changes reach the disk; a machine crash can lose acknowledged ticket changes. Use --appendfsync always.`;
  let compactionWarning: string | null = null;
  if (appendonly === 'yes') {
    if (aofRewritePercentage === '0')
      compactionWarning =
        'Redis never rewrites its AOF (auto-aof-rewrite-percentage 0): the file grows with every hub change and a restart replays all of it. Set --auto-aof-rewrite-percentage 100 (the default) or run BGREWRITEAOF regularly.';
    else if (Number(aofRewriteMinSize) > MAX_SENSIBLE_MIN_SIZE)
      compactionWarning = `Redis rewrites its AOF only past auto-aof-rewrite-min-size ${aofRewriteMinSize} bytes: until then a restart replays every change. The default, 64mb, suits the hub.`;
  }
  return { appendonly, appendfsync, aofRewritePercentage, aofRewriteMinSize, warning, compactionWarning };
}
