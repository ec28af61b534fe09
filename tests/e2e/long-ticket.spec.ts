// A long conversation in the browser: the hub sends its recent part, the conversation offers the
// older part and loads it on click, page by page, until nothing earlier is left.
import { expect, test } from '@playwright/test';
import { TicketFactory } from '../../src/simulator/factory';
import { SNAPSHOT_MESSAGES } from '../../src/shared/hub-protocol';
import { CALM_SEED, quietHub } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('long tickets', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('loads earlier messages above the recent part', async ({ page }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item').first()).toBeVisible({ timeout: 15_000 });

    const t = new TicketFactory(77, { media: false }).next(Date.now(), 'size_advice').ticket;
    t.aiActions = [];
    const total = SNAPSHOT_MESSAGES + 150;
    t.messages = Array.from({ length: total }, (_, i) => ({
      id: `${t.id}-m${i}`,
      ticketId: t.id,
      from: i % 2 ? ('bot' as const) : ('customer' as const),
      at: t.createdAt - (total - i) * 1000,
      kind: 'text' as const,
      text: `第 ${i + 1} 条：请问这件外套 M 码适合多高的人穿？`,
    }));
    expect((await stack.hub.core.escalate(t)).assignedTo).toBe('agent1');

    await page.locator(`[data-testid="queue-item"][data-ticket-id="${t.id}"]`).click();
    const bar = page.getByTestId('earlier-messages');
    await expect(bar).toContainText('还有 150 条');
    await page.screenshot({ path: 'test-results/screens/long-ticket-earlier-zh.png' });
    await bar.getByRole('button').click();
    await expect(bar).toHaveCount(0);
    // the agent scrolls up to the very beginning
    const list = page.getByTestId('message-list');
    await list.hover();
    await expect(async () => {
      await page.mouse.wheel(0, -50_000);
      await expect(list).toContainText('第 1 条：', { timeout: 500 });
    }).toPass({ timeout: 20_000 });
  });
});
