// Screenshots of each main screen in both languages (zh-CN default, English), against the real
// stack: login, queue + conversation, knowledge search, lead console with a conflict and the team's
// tickets, the shortcuts
// cheat-sheet, and the dark theme. Files go to test-results/screens/; the best are copied by hand to
// docs/screenshots/ after a look.
import { expect, test, type Page } from '@playwright/test';
import { CALM_SEED, forceRefundConflict, openFirstTicket, quietHub } from '../support/flows';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

for (const lang of ['zh', 'en'] as const) {
  test.describe(`screens (${lang})`, () => {
    let stack: Stack;
    test.afterEach(async () => {
      await stack?.close();
    });

    test(`main screens in ${lang}`, async ({ page, browser }) => {
      test.setTimeout(90_000);
      stack = await startStack({ signedOut: true, seed: CALM_SEED, hub: quietHub({ snapshotMs: 500 }) });
      await page.goto(stack.shell.url);
      await expect(page.getByTestId('login-screen')).toBeVisible();
      if (lang === 'en') {
        await page.getByTestId('language-toggle').click();
        await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
      }
      await page.getByTestId('login-hub').fill(stack.hubUrl);
      await page.getByTestId('login-user').fill('agent1');
      await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
      await shot(page, `login-${lang}`);
      await page.getByTestId('login-submit').click();

      // a fuller queue, then one conversation worked a little
      const ticketId = await openFirstTicket(page);
      for (let i = 0; i < 4; i++) await stack.simulator.escalateOne();
      await expect(page.getByTestId('queue-item')).toHaveCount(5);
      const input = page.getByTestId('composer-input');
      await input.click();
      // suggestions arrive after the conversation (the model runs after the screen): wait for them
      await expect(page.getByTestId('suggestion-chip').first()).toBeVisible({ timeout: 20_000 });
      await page.keyboard.press('Alt+1');
      await expect(input).not.toHaveValue('');
      await page.keyboard.press('Control+Enter');
      await expect(page.locator('[data-testid="message"][data-from="agent"]').first()).toBeVisible({
        timeout: 15_000,
      });
      await expect(page.locator('[data-testid="message"][data-from="customer"]').last()).toBeVisible();
      await page.waitForTimeout(2_000); // the customer's answer
      await input.click();
      await page.keyboard.insertText(lang === 'zh' ? '好的，我帮您查一下库存～' : 'Sure, let me check the stock for you.');
      await expect(page.getByTestId('send-button')).toBeEnabled();
      await page.mouse.move(700, 400);
      await page.waitForTimeout(400); // let button colour transitions finish
      await shot(page, `workspace-${lang}`);

      // knowledge search
      await page.getByTestId('side-tab-knowledge').click();
      await page.getByTestId('kb-search').fill('我想退钱');
      await expect(page.getByTestId('kb-hit').first()).toBeVisible({ timeout: 10_000 });
      await page.waitForTimeout(300);
      await shot(page, `knowledge-${lang}`);

      // shortcuts cheat-sheet
      await page.getByTestId('kb-search').blur();
      await page.locator('body').press('?');
      await expect(page.getByTestId('shortcuts-list')).toBeVisible();
      await page.waitForTimeout(300);
      await shot(page, `shortcuts-${lang}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('shortcuts-list')).toBeHidden();

      // dark theme
      await page.getByTestId('side-tab-offers').click();
      await page.getByTestId('theme-toggle').first().click();
      await page.mouse.move(700, 400); // no tooltip over the tabs
      await page.waitForTimeout(600);
      await shot(page, `dark-${lang}`);
      await page.getByTestId('theme-toggle').first().click();

      // lead console with a conflict on agent1's ticket
      const leadWs = await stack.addWorkstation('lead1');
      const ctx = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1440, height: 900 } });
      const lead = await ctx.newPage();
      try {
        await lead.goto(leadWs.shell.url);
        await expect(lead.getByTestId('top-bar')).toBeVisible();
        if (lang === 'en') await lead.getByTestId('language-toggle').click();
        await lead.getByTestId('mode-switch').locator('.ant-segmented-item').nth(1).click();
        await expect(lead.getByTestId('lead-console')).toBeVisible();
        const conflict = await forceRefundConflict(stack, ticketId);
        const item = lead.locator(`[data-testid="conflict-item"][data-conflict-id="${conflict.id}"]`);
        await expect(item).toBeVisible({ timeout: 10_000 });
        await item.click();
        await expect(lead.getByTestId('conflict-detail')).toBeVisible();
        await expect(lead.locator('[data-testid="team-agent"]').first()).toBeVisible({ timeout: 10_000 });
        await lead.waitForTimeout(300);
        await shot(lead, `lead-${lang}`);

        // the team's open tickets, grouped by holder, ready to reassign
        await lead.getByTestId('lead-view-tickets').click();
        await expect(lead.getByTestId('team-ticket').first()).toBeVisible({ timeout: 10_000 });
        await lead.getByTestId('team-ticket-open').first().click();
        await expect(lead.getByTestId('team-ticket-preview').getByTestId('message').first()).toBeVisible();
        await lead.waitForTimeout(300);
        await shot(lead, `lead-tickets-${lang}`);
      } finally {
        await ctx.close();
      }
    });
  });
}
