// The persistence the hub needs from Redis, checked at start (CONFIG GET). With `appendonly yes` and
// `appendfsync always` a crash of Redis loses no acknowledged change; with `everysec` up to about one
// second of acknowledged changes; with AOF off (RDB snapshots only) everything since the last snapshot.
import type { RedisClient } from './unit';

export interface DurabilityReport {
  appendonly: string;
  appendfsync: string;
  /** null = the settings are what the hub requires (AOF + fsync always) */
  warning: string | null;
}

export async function checkDurability(client: RedisClient): Promise<DurabilityReport> {
  let cfg: Record<string, string>;
  try {
    cfg = (await client.configGet(['appendonly', 'appendfsync'])) as Record<string, string>;
  } catch (err) {
    return {
      appendonly: '?',
      appendfsync: '?',
      warning: `cannot read Redis persistence settings (CONFIG GET refused: ${(err as Error).message}); make sure appendonly=yes and appendfsync=always`,
    };
  }
  const appendonly = cfg.appendonly ?? '?';
  const appendfsync = cfg.appendfsync ?? '?';
  let warning: string | null = null;
  if (appendonly !== 'yes')
    warning =
      'Redis runs without AOF (appendonly no): a crash of Redis loses every ticket change since the last RDB snapshot. Start redis-server with --appendonly yes --appendfsync always.';
  else if (appendfsync === 'everysec')
    warning =
      'Redis appendfsync is everysec: a crash of the Redis machine can lose about the last second of acknowledged ticket changes. Use --appendfsync always for no loss.';
  else if (appendfsync !== 'always')
    warning = `Redis appendfsync is ${appendfsync}: the OS decides when changes reach the disk; a machine crash can lose acknowledged ticket changes. Use --appendfsync always.`;
  return { appendonly, appendfsync, warning };
}
