// Knowledge: a colloquial question (我想退钱 — "I want my money back", no keyword of the policy in it)
// finds the refund/return policy in the local index, and one key puts the answer into the reply.
import { expect, test } from '@playwright/test';
import { CALM_SEED, openFirstTicket, quietHub } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('knowledge', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('a colloquial query finds the refund policy and Enter inserts it into the reply', async ({ page }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);

    await page.getByTestId('side-tab-knowledge').click();
    await page.getByTestId('kb-search').fill('我想退钱');
    const hits = page.getByTestId('kb-hit');
    await expect(hits.first()).toBeVisible({ timeout: 10_000 });
    // the best hit is about refunds/returns, though the query names neither
    await expect(hits.first()).toContainText(/退款|退货|售后/);

    const input = page.getByTestId('composer-input');
    await expect(input).toHaveValue('');
    await hits.first().getByTestId('kb-insert').focus();
    await page.keyboard.press('Enter');
    await expect(input).not.toHaveValue('');
    await expect(input).toBeFocused();
    const inserted = await input.inputValue();
    expect(inserted).toMatch(/退款|退货|售后/);
    // plain text for the customer: no Markdown left in it
    expect(inserted).not.toMatch(/\*\*|^#+\s|\]\(/m);
  });
});
