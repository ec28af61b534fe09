// Issue 13 items 5 and 6: closing a conversation keeps what the agent typed, tags read as words, a
// 待跟进 outcome parks the ticket with its SLA paused, and the header and the queue row tell the same
// SLA time. Real hub (short SLAs so they breach), real core, Chromium.
import { expect, test, type Page } from '@playwright/test';
import { loginAs, quietHub, waitFor } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

// Short SLAs: a ticket breaches while it waits unassigned, and again (re-prioritised) while it is open.
const breachingHub = quietHub({ slaMs: { 1: 3_000, 2: 3_000, 3: 3_000, 4: 3_000 }, slaSweepMs: 500 });

/** Both countdowns read in one pass over the DOM, so they come from the same render. */
async function bothClocks(page: Page, ticketId: string) {
  return page.evaluate((id) => {
    const row = document.querySelector(`[data-testid="queue-item"][data-ticket-id="${id}"] [data-testid="sla"]`);
    const head = document.querySelector('[data-testid="conversation-header"] [data-testid="sla"]');
    return { row: row?.textContent ?? null, head: head?.textContent ?? null };
  }, ticketId);
}

test.describe('handling a ticket', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('one SLA clock; Esc keeps the note; tags in words; 待跟进 stays queued with the SLA paused', async ({
    page,
  }) => {
    stack = await startStack({ signedOut: true, seed: 3, hub: breachingHub });
    // Escalated while nobody is online: it breaches in the hub's queue and is tagged sla_breached.
    const { ticketId } = await stack.simulator.escalateOne('product_inquiry');
    const breached = await waitFor(async () => {
      const t = await stack.hub.store.getTicket(ticketId);
      return t?.tags.includes('sla_breached') ? t : null;
    });
    // And an AI agent had a go (the hub's old Chinese tag for that): not the agent's outcome.
    await stack.hub.store.updateTicket(ticketId, { tags: [...breached.tags, 'AI已处理'] });

    await loginAs(page, stack.shell.url, stack.hubUrl, 'agent1');
    const row = page.locator(`[data-testid="queue-item"][data-ticket-id="${ticketId}"]`);
    await row.click();
    await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', ticketId);

    // The hub re-prioritises the open ticket (new deadline): header and row must follow together.
    const openedDue = (await stack.hub.store.getTicketHead(ticketId))!.slaDueAt;
    await waitFor(async () => ((await stack.hub.store.getTicketHead(ticketId))!.slaDueAt !== openedDue ? true : null));
    await waitFor(async () => {
      const { row: r, head: h } = await bothClocks(page, ticketId);
      return r && h && r.includes('剩余') ? true : null; // the row has the fresh deadline
    });
    for (let i = 0; i < 5; i++) {
      const clocks = await bothClocks(page, ticketId);
      expect(clocks.row).not.toBeNull();
      expect(clocks.head).toBe(clocks.row);
      await page.waitForTimeout(300);
    }

    // Close dialog: the hub's tags are not prefilled raw; the SLA breach reads as words.
    await page.getByTestId('close-ticket').click();
    const dialog = page.getByTestId('close-dialog').getByRole('dialog');
    await expect(dialog).toBeVisible();
    const tags = page.getByTestId('close-dialog').locator('.ant-select-selection-item, .ant-select-content-item');
    await expect(dialog).toContainText('SLA 超时');
    await expect(dialog).not.toContainText('sla_breached');
    await expect(dialog).not.toContainText('AI已处理');
    await expect(dialog).not.toContainText('AI 已尝试');
    expect(await tags.count()).toBeGreaterThan(0);

    // Esc in the tag field with a note typed: the dialog asks, and "keep editing" keeps everything.
    await page.getByTestId('close-note').fill('顾客稍后发照片，再决定退换');
    await page.getByTestId('close-tags').click();
    await page.keyboard.type('待确认');
    await page.keyboard.press('Escape');
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: '继续填写' }).click();
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('close-note')).toHaveValue('顾客稍后发照片，再决定退换');

    // 待跟进: stays in the queue, marked, and its SLA no longer counts.
    await page.locator('label:has([data-testid="resolution-pending"])').click();
    await expect(page.getByTestId('close-pending-hint')).toBeVisible();
    await page.getByTestId('close-confirm').click();
    await expect(dialog).toBeHidden();
    await waitFor(async () => ((await stack.hub.store.getTicketHead(ticketId))?.status === 'pending' ? true : null));
    await expect(row).toBeVisible();
    await expect(row.getByTestId('pending-marker')).toBeVisible();
    await expect(row.getByTestId('sla')).toHaveAttribute('data-sla', 'paused');
    // Still there after a reload (the core's queue, not just this page's memory).
    await page.reload();
    await expect(row.getByTestId('pending-marker')).toBeVisible();
    const outcome = await waitFor(() => stack.hub.store.latestOutcome(ticketId));
    expect(outcome.resolution).toBe('pending');
    expect(outcome.tags).toContain('sla_breached');
    expect(outcome.tags).not.toContain('AI已处理');
    expect(outcome.note).toBe('顾客稍后发照片，再决定退换');
    await page.screenshot({ path: 'test-results/handling-pending-zh.png' });
  });
});
