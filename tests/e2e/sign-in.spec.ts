// Issue 13 items 1 and 8 on screen: signing in as someone else (agent1 → sign out → lead1, then agent1
// on another hub) shows nothing of the previous sign-in, agent1's unsynced draft waits for them, the
// hub address is remembered, "sign out and clear" refuses while work is unsynced, and the address
// without its token says what is wrong. Real hubs, real core, Chromium.
import { expect, test, type Page } from '@playwright/test';
import { startHubWithSimulator, type HubWithSimulator } from '../support/simulator';
import { quietHub, waitFor } from '../support/flows';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

async function signIn(page: Page, hubUrl: string, user: string, expectedHub: string | null) {
  await expect(page.getByTestId('login-screen')).toBeVisible();
  if (expectedHub !== null) await expect(page.getByTestId('login-hub')).toHaveValue(expectedHub);
  await page.getByTestId('login-hub').fill(hubUrl);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('top-bar')).toBeVisible({ timeout: 20_000 });
}

async function signOut(page: Page) {
  await page.getByTestId('agent-name').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
}

test.describe('signing in as someone else', () => {
  let stack: Stack;
  let otherHub: HubWithSimulator | null = null;
  test.afterEach(async () => {
    await otherHub?.close();
    otherHub = null;
    await stack?.close();
  });

  test('agent1 → lead1 → agent1 on another hub → agent1 again: each sees only their own', async ({
    page,
  }) => {
    stack = await startStack({ signedOut: true, seed: 3, hub: quietHub() });
    otherHub = await startHubWithSimulator({ port: 0, seed: 9, logger: false, ...quietHub() });

    // The address without its token: a clear message, not a spinner forever.
    const bare = new URL(stack.shell.url);
    bare.search = '';
    await page.goto(bare.toString());
    await expect(page.getByTestId('missing-token')).toBeVisible();
    await expect(page.getByTestId('missing-token')).toContainText('令牌');

    await page.goto(stack.shell.url);
    await signIn(page, stack.hubUrl, 'agent1', null);
    for (let i = 0; i < 2; i++) await stack.simulator.escalateOne('product_inquiry');
    await expect(page.getByTestId('queue-item')).toHaveCount(3, { timeout: 20_000 });
    const agent1Tickets = await page
      .getByTestId('queue-item')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-id')!));
    // A draft agent1 leaves unsent.
    await page.locator(`[data-testid="queue-item"][data-ticket-id="${agent1Tickets[0]}"]`).click();
    await page.getByTestId('composer-input').fill('亲，我帮您查一下物流');
    await waitFor(
      async () => stack.core.tickets.localWork(agent1Tickets[0]!).draft === '亲，我帮您查一下物流',
    );

    // "Sign out and clear" would lose that draft: refused, with the reason; still signed in.
    await page.getByTestId('agent-name').click();
    await page.getByRole('menuitem', { name: '退出并清除本机数据' }).click();
    const ok = page.getByTestId('sign-out-clear-ok');
    const refused = page.getByTestId('sign-out-clear-refused');
    // In two full CI runs the confirm dialog stayed open after this click, its button not even loading
    // (the click never reached onOk; not reproduced locally, traces are kept on failure to find out
    // why). An agent would click again, so the test does too while the dialog is still asking.
    await expect(async () => {
      if (await ok.isVisible()) await ok.click();
      await expect(refused).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    await expect(refused).toContainText('1 份未发送的草稿');
    await expect(refused).not.toContainText('draft'); // worded in the reader's language, not the core's log line
    await page.screenshot({ path: 'test-results/sign-out-clear-refused-zh.png' });
    await page.getByTestId('sign-out-clear-refused-ok').click();
    await expect(refused).toHaveCount(0);
    await expect(page.getByTestId('top-bar')).toBeVisible({ timeout: 20_000 });

    // lead1 on the same hub: none of agent1's tickets, in either mode; the hub address is remembered.
    await signOut(page);
    await signIn(page, stack.hubUrl, 'lead1', stack.hubUrl);
    await page.getByTestId('mode-switch').getByText('接待').click();
    await expect(page.getByTestId('queue-panel')).toBeVisible();
    for (const id of agent1Tickets)
      await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${id}"]`)).toHaveCount(0);

    // agent1 on another hub: only that hub's tickets (the simulator escalates one for them there).
    await signOut(page);
    await signIn(page, otherHub.url, 'agent1', stack.hubUrl);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'online');
    await otherHub.simulator.escalateOne('product_inquiry');
    await expect(page.getByTestId('queue-item').first()).toBeVisible({ timeout: 20_000 });
    for (const id of agent1Tickets)
      await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${id}"]`)).toHaveCount(0);
    const hubBIds = await page
      .getByTestId('queue-item')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-id')));
    for (const id of hubBIds) expect((await otherHub.store.getTicketHead(id!))?.assignedTo).toBe('agent1');

    // Back on the first hub: agent1's tickets and the draft are there again.
    await signOut(page);
    await signIn(page, stack.hubUrl, 'agent1', otherHub.url);
    for (const id of agent1Tickets)
      await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${id}"]`)).toHaveCount(1);
    await page.locator(`[data-testid="queue-item"][data-ticket-id="${agent1Tickets[0]}"]`).click();
    await expect(page.getByTestId('composer-input')).toHaveValue('亲，我帮您查一下物流');
    await page.screenshot({ path: 'test-results/sign-in-back-zh.png' });
  });
});
