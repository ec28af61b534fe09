// Opening a ticket from what the renderer holds (the queue fetched ahead, the conversation left on
// screen): what shows is the ticket as it is now, never an older copy. Real hub, simulator and core.
import { expect, test } from '@playwright/test';
import { quietHub } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('opening a held conversation', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('a ticket the agent left shows what the customer wrote meanwhile, and switching back and forth loses nothing', async ({
    page,
  }) => {
    stack = await startStack({ seed: 3, hub: quietHub() });
    await page.goto(stack.shell.url);
    const rows = page.getByTestId('queue-item');
    await expect(rows.first()).toBeVisible({ timeout: 15_000 });
    await stack.simulator.escalateOne();
    await expect(rows).toHaveCount(2, { timeout: 15_000 });
    const [a, b] = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket-id')!))) as [
      string,
      string,
    ];
    const view = page.getByTestId('conversation-view');
    const open = async (id: string) => {
      await page.locator(`[data-testid="queue-item"][data-ticket-id="${id}"]`).click();
      await expect(view).toHaveAttribute('data-ticket-id', id);
      await expect(view.getByTestId('message').first()).toBeVisible();
    };

    await open(a);
    await open(b);
    // While B is on screen the customer of A writes again; then the agent goes back to A.
    const text = `离开期间的新消息 ${Date.now()}`;
    await stack.hub.core.customerMessage(a, { kind: 'text', text });
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${a}"]`)).toContainText(
      text.slice(0, 8),
    );
    await open(a);
    await expect(view.getByTestId('message').filter({ hasText: text })).toBeVisible();

    // B, opened again, is B (not A's timeline), and A's new line is still there after another round.
    await open(b);
    await expect(view.getByTestId('message').filter({ hasText: text })).toHaveCount(0);
    await open(a);
    await expect(view.getByTestId('message').filter({ hasText: text })).toHaveCount(1);
  });
});
