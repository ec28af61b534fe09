// Accessibility: axe-core on the main screens in the real browser shell; no serious or critical
// violations allowed (moderate and minor ones are printed for the record).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startStack } from '../support/stack';

async function audit(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) console.log(`[axe ${screen}] ${v.impact} ${v.id}: ${v.nodes.length} node(s) — ${v.help}`);
  for (const v of serious) for (const n of v.nodes.slice(0, 6)) console.log(`  ${v.id}: ${n.html.slice(0, 160)}`);
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
}

test('login screen and workspace have no serious accessibility violations', async ({ page }) => {
  const stack = await startStack({ seed: 31, signedOut: true });
  try {
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('login-submit')).toBeVisible();
    await audit(page, 'login');
    await page.getByTestId('login-hub').fill(stack.hub.url);
    await page.getByTestId('login-user').fill('agent1');
    await page.getByTestId('login-pass').fill('xiaoer123');
    await page.getByTestId('login-submit').click();
    const first = page.getByTestId('queue-item').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    await first.click();
    await expect(page.getByTestId('message').first()).toBeVisible();
    await page.getByTestId('ai-actions').locator('button').first().click(); // what the AI tried and promised, open
    await audit(page, 'workspace');
  } finally {
    await stack.close();
  }
});

test('lead console (conflicts, team tickets with a conversation open) and a pop-out window', async ({ page, context }) => {
  const stack = await startStack({ seed: 31, user: 'lead1' });
  try {
    const agent = await stack.addWorkstation('agent1');
    await page.goto(stack.shell.url);
    await page.getByTestId('mode-switch').locator('.ant-segmented-item').nth(1).click();
    await expect(page.getByTestId('lead-console')).toBeVisible();
    await audit(page, 'lead conflicts');
    await page.getByTestId('lead-view-tickets').click();
    const row = page.getByTestId('team-ticket').first();
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.getByTestId('team-ticket-open').click();
    await expect(page.getByTestId('team-ticket-preview').getByTestId('message').first()).toBeVisible();
    await audit(page, 'lead team tickets');

    // the agent's pop-out window, on the agent's workstation
    const agentPage = await context.newPage();
    await agentPage.goto(agent.shell.url);
    const first = agentPage.getByTestId('queue-item').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    await first.click();
    const [popout] = await Promise.all([context.waitForEvent('page'), agentPage.getByTestId('popout-button').click()]);
    await expect(popout.getByTestId('message').first()).toBeVisible();
    await audit(popout, 'pop-out');
  } finally {
    await stack.close();
  }
});
