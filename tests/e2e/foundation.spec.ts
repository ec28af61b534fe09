// End to end in Debian Chromium against the browser shell: a simulated escalation travels from the
// real hub over socket.io into the real core's SQLite and onto the screen.
import { expect, test } from '@playwright/test';
import { startStack } from '../support/stack';

test('a simulated ticket arrives live and its conversation opens', async ({ page }) => {
  const stack = await startStack({ seed: 11 });
  try {
    await page.goto(stack.shell.url);
    const first = page.getByTestId('queue-item').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    await first.click();
    await expect(page.getByTestId('conversation-view')).toBeVisible();
    await expect(page.getByTestId('message').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/foundation-zh.png' });
  } finally {
    await stack.close();
  }
});
