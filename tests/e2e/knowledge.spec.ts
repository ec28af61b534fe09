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
    test.setTimeout(240_000); // the first embedding of the seed runs on a shared, loaded machine
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);

    await page.getByTestId('side-tab-knowledge').click();
    await page.getByTestId('kb-search').fill('我想退钱');
    const hits = page.getByTestId('kb-hit');
    await expect(hits.first()).toBeVisible({ timeout: 10_000 });
    // the best hit is about refunds/returns, though the query names neither
    await expect(hits.first()).toContainText(/退款|退货|售后/);
    // Once the knowledge base is embedded (keyword results meanwhile), the shipped model's calibrated
    // relevance is shown on each hit, never the ranking score.
    await expect(page.getByTestId('kb-indexing')).toHaveCount(0, { timeout: 120_000 });
    await page.getByTestId('kb-search').fill('我想退钱 ');
    await expect(hits.first().getByTestId('kb-hit-relevance')).toContainText(/解答可能性 \d+%/, {
      timeout: 10_000,
    });
    await expect(hits.first()).toContainText(/退款|退货|售后/);
    await page.screenshot({ path: 'test-results/kb-search-zh.png' });

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

  test('the import screen reads a merchant CSV with progress and lists the bad row by line', async ({
    page,
  }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);
    await page.getByTestId('side-tab-knowledge').click();
    await page.getByTestId('kb-import-open').click();
    const dialog = page.getByTestId('kb-import-dialog');
    await expect(dialog).toBeVisible();
    const csv = [
      '标题,内容,标签',
      '年货节发货安排,腊月二十五前下单的订单正常发货，之后顺延到正月初六,物流',
      '没有内容的一行,,促销',
      '店铺会员积分,每消费1元积1分，积分可抵现,会员',
    ].join('\n');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '店铺知识.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.getByTestId('kb-import-report');
    await expect(report).toBeVisible({ timeout: 15_000 });
    await expect(report).toContainText('导入 2 条');
    await expect(report.locator('tr', { hasText: '缺少内容' })).toContainText('3');
    await page.waitForTimeout(800); // let the dialog and progress bars finish animating
    await page.screenshot({ path: 'test-results/kb-import-zh.png' });
    await page.keyboard.press('Escape');

    // what was imported is searchable at once, offline from the hub's point of view
    await page.getByTestId('kb-search').fill('年货节什么时候发货');
    await expect(page.getByTestId('kb-hit').first()).toContainText('年货节', { timeout: 10_000 });
  });
});
