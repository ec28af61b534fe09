import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The hub integration suite runs twice: on the embedded SQLite store (project "default") and on a real
// redis-server started by tests/support/redis-global-setup.ts (project "hub-redis", env
// XIAOER_TEST_HUB_STORE=redis read by testHub()). Without Debian's redis-server the second run is left
// out with a warning; CI installs it.
const REDIS_BIN = process.env.XIAOER_REDIS_SERVER ?? '/usr/bin/redis-server';
const withRedis = existsSync(REDIS_BIN);
if (!withRedis)
  console.warn(
    `[vitest] ${REDIS_BIN} not found: the hub suite runs on SQLite only (apt-get install redis-server)`,
  );

const shared = {
  exclude: ['tests/e2e/**', 'node_modules/**'],
  // better-sqlite3 and onnxruntime are native addons: separate processes, not worker threads.
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    ...shared,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: [
            'src/**/*.test.{ts,tsx}',
            'tests/unit/**/*.test.{ts,tsx}',
            'tests/integration/**/*.test.ts',
          ],
        },
      },
      ...(withRedis
        ? [
            {
              extends: true,
              test: {
                name: 'hub-redis',
                include: ['tests/integration/hub/**/*.test.ts'],
                env: { XIAOER_TEST_HUB_STORE: 'redis' },
                globalSetup: ['tests/support/redis-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
