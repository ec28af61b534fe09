// Bad input on the workstation that once crashed or hung the core, driven through the screen: a 7 MB
// CSV through the import screen (it used to travel as one WebSocket frame and kill the core), a GBK
// CSV from Chinese Excel, and media URLs from the hub that the product does not serve.
import { expect, test, type Page } from '@playwright/test';
import { CALM_SEED, openFirstTicket, quietHub } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

/** GB18030 bytes of `text` (Node has no GB encoder: the two-byte table is read back from its decoder). */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (lo !== 0x7f && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Buffer.from(out);
}

async function openImport(page: Page) {
  await page.getByTestId('side-tab-knowledge').click();
  await page.getByTestId('kb-import-open').click();
  const dialog = page.getByTestId('kb-import-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('bad input', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('a 7 MB CSV goes through the import screen with progress and the core keeps serving', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);
    const dialog = await openImport(page);
    const rows = ['标题,内容,标签'];
    const answer = '您好，现货商品付款后48小时内发货，预售商品以页面说明为准。'.repeat(32);
    for (let i = 0; i < 2_700; i++) rows.push(`大促第${i}问：这件商品多久能发货,${answer}（${i}）,物流`);
    const csv = Buffer.from(rows.join('\n'), 'utf8');
    expect(csv.length).toBeGreaterThan(7 * 1024 * 1024);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '大促FAQ.csv', mimeType: 'text/csv', buffer: csv });
    await expect(page.getByTestId('kb-upload-progress')).toBeVisible({ timeout: 30_000 });
    const report = page.getByTestId('kb-import-report');
    await expect(report).toBeVisible({ timeout: 150_000 });
    await expect(report).toContainText('导入 2700 条');
    await expect(page.getByTestId('kb-import-encoding')).toContainText('UTF-8');
    await page.keyboard.press('Escape');
    // the bridge never dropped: the queue is live and search finds the new rows
    await page.getByTestId('kb-search').fill('大促第17问');
    await expect(page.getByTestId('kb-hit').first()).toContainText('大促第17问', { timeout: 15_000 });
    expect((await stack.core.router.dispatch('app.info', {})).ok).toBe(true);
  });

  test('a GBK CSV from Chinese Excel is read and its encoding named', async ({ page }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);
    const dialog = await openImport(page);
    const csv = gb18030(
      '标题,内容,标签\r\n退货运费谁出,质量问题由本店承担运费,售后\r\n发票怎么开,下单时填写抬头即可,发票\r\n',
    );
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '店铺FAQ.csv', mimeType: 'text/csv', buffer: csv });
    const report = page.getByTestId('kb-import-report');
    await expect(report).toBeVisible({ timeout: 20_000 });
    await expect(report).toContainText('导入 2 条');
    await expect(page.getByTestId('kb-import-encoding')).toContainText('GB18030');
    await expect(report.locator('tr', { hasText: 'missing title' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/kb-import-gbk-zh.png' });
  });

  test('media URLs the product does not serve are blocked on screen', async ({ page }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub() });
    await page.goto(stack.shell.url);
    const ticketId = await openFirstTicket(page);
    const blockedBefore = await page.getByTestId('media-blocked').count();
    await stack.hub.core.customerMessage(ticketId, {
      kind: 'image',
      url: 'javascript:alert(1)',
      caption: '看这个',
    });
    await stack.hub.core.customerMessage(ticketId, {
      kind: 'image',
      url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    });
    await stack.hub.core.customerMessage(ticketId, {
      kind: 'voice',
      url: 'https://evil.example/voice.wav',
      durationSec: 3,
      transcript: '我的快递到哪了',
    });
    await expect(page.getByTestId('media-blocked')).toHaveCount(blockedBefore + 3, { timeout: 15_000 });
    await expect(page.getByTestId('voice-transcript').last()).toContainText('我的快递到哪了');
    // nothing of it reached an element that loads media
    const srcs = await page
      .locator('img, audio')
      .evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    expect(srcs.filter((s) => /javascript:|text\/html|evil\.example/.test(s))).toEqual([]);
    // and the core stored it emptied, not as given
    const stored = await stack.core.router.dispatch('tickets.get', { ticketId });
    expect(JSON.stringify(stored)).not.toMatch(/javascript:|evil\.example|text\/html/);
    await page.getByTestId('media-blocked').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/media-blocked-zh.png' });
  });
});
