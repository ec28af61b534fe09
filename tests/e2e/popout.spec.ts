// A conversation popped out into its own window (a second monitor): the same core behind both
// windows, so a reply sent from the pop-out reaches the hub, and closing the ticket there ends the
// window's conversation while the main window's queue lets it go.
import { expect, test } from '@playwright/test';
import { CALM_SEED, openFirstTicket, quietHub, waitFor } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('pop-out conversation window', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('opens the ticket in its own window, replies and closes from there', async ({ page, context }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    const ticketId = await openFirstTicket(page);

    // Ctrl+Shift+O (the header button does the same; the accessibility test uses it)
    await page.locator('body').click({ position: { x: 700, y: 300 } });
    const [popout] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Control+Shift+O')]);
    await expect(popout.getByTestId('popout-window')).toHaveAttribute('data-ticket-id', ticketId);
    await expect(popout.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', ticketId);
    await expect(popout.getByTestId('queue-item')).toHaveCount(0); // just the conversation and the side panel
    await expect(popout.getByTestId('customer-profile')).toBeVisible();
    // the main window let go of it (one place edits the draft), the queue still lists it
    await expect(page.getByTestId('conversation-view')).not.toHaveAttribute('data-ticket-id', /.+/);
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${ticketId}"]`)).toBeVisible();
    await popout.screenshot({ path: 'test-results/screens/popout-zh.png' });

    const text = '亲，这款有现货，今天下单明天就能发出～';
    await popout.getByTestId('composer-input').fill(text);
    await popout.keyboard.press('Control+Enter');
    await expect(popout.locator('[data-testid="message"][data-from="agent"]', { hasText: text })).toBeVisible();
    await waitFor(async () => (await stack.hub.store.getTicket(ticketId))?.messages.some((m) => m.kind === 'text' && m.text === text));

    // close from the pop-out: its conversation ends, the main queue drops the ticket
    await popout.keyboard.press('Control+Shift+D');
    await expect(popout.getByTestId('close-dialog').getByRole('dialog')).toBeVisible();
    await popout.locator('label:has([data-testid="resolution-resolved"])').click();
    await popout.getByTestId('close-confirm').click();
    await expect(popout.getByTestId('popout-ended')).toBeVisible();
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${ticketId}"]`)).toHaveCount(0);
  });
});
