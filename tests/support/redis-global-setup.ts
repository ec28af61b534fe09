// Vitest global setup of the "hub-redis" project: one real redis-server for the whole run (every
// hub a test starts gets its own key prefix on it), stopped at the end.
import type { TestProject } from 'vitest/node';
import { startRedis } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis({ appendfsync: 'always' });
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
