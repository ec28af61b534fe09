// A returning customer: agent1 closed their earlier ticket with a note; when the same customer is
// escalated again, the side panel shows the earlier contact, how it ended and the note.
import { expect, test } from '@playwright/test';
import { TicketFactory } from '../../src/simulator/factory';
import { CALM_SEED, quietHub, waitFor } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('customer history', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('the earlier contact, its outcome and the note show beside the new conversation', async ({ page }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    const first = page.getByTestId('queue-item').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    const firstId = (await first.getAttribute('data-ticket-id'))!;

    // agent1 resolves the first ticket with a note (through the core, as the close dialog does)
    const closed = await stack.core.router.dispatch('tickets.close', {
      ticketId: firstId,
      resolution: 'resolved',
      note: '顾客关心面料起球，已说明洗护方法并赠送洗衣袋',
    });
    expect(closed.ok).toBe(true);
    await waitFor(async () => (await stack.hub.store.latestOutcome(firstId)) ?? null);

    // the same customer comes back with another question
    const earlier = (await stack.hub.store.getTicket(firstId))!;
    const again = new TicketFactory(99, { media: false }).next(Date.now(), 'size_advice').ticket;
    again.aiActions = [];
    again.customer = { ...earlier.customer };
    expect((await stack.hub.core.escalate(again)).assignedTo).toBe('agent1');

    await page.locator(`[data-testid="queue-item"][data-ticket-id="${again.id}"]`).click();
    const history = page.getByTestId('customer-history');
    await expect(history).toHaveAttribute('data-count', '1');
    await expect(history.getByTestId('customer-history-recent')).toContainText('7 天内第 2 次进线');
    await expect(history.getByTestId('customer-history-item')).toContainText('已解决');
    await expect(history.getByTestId('customer-history-note')).toContainText('已说明洗护方法并赠送洗衣袋');
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/customer-history-zh.png' });
  });

  test('a second ticket of the same customer arriving while one is open shows in its history', async ({
    page,
  }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    const first = page.getByTestId('queue-item').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    const firstId = (await first.getAttribute('data-ticket-id'))!;
    await first.click();
    const history = page.getByTestId('customer-history');
    await expect(history).toHaveAttribute('data-count', '0');

    // the customer writes in again through another channel while the first is still open
    const open = (await stack.hub.store.getTicket(firstId))!;
    const again = new TicketFactory(98, { media: false }).next(Date.now(), 'size_advice').ticket;
    again.aiActions = [];
    again.customer = { ...open.customer };
    expect((await stack.hub.core.escalate(again)).assignedTo).toBe('agent1');
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${again.id}"]`)).toBeVisible();

    // the open ticket's panel no longer says "first contact"
    await expect(history).toHaveAttribute('data-count', '1');
    await expect(history.getByTestId('customer-history-item')).toHaveCount(1);
  });
});
