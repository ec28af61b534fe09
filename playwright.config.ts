import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run on our build machines.
const executablePath = process.env['XIAOER_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    // A failure in CI leaves its trace (DOM snapshots, console, network) in test-results/artifacts.
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
