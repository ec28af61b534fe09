// Vitest global setup of the "hub-redis" project: one real redis-server for the whole run (every
// hub a test starts gets its own key prefix on it), stopped at the end. AOF with `everysec` here, not
// the production `always`: an fsync per commit on the shared, loaded CI disk made the suite ~7× slower
// and these tests do not kill Redis (tests/integration/cluster/durability.test.ts does, with `always`).
import type { TestProject } from 'vitest/node';
import { startRedis } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis({ appendfsync: 'everysec' });
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
