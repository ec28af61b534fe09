// Issue "agent workspace": the whole day of an agent, in Debian Chromium against the browser shell,
// a real hub with its simulator and a real core. Nothing is stubbed.
import { expect, test } from '@playwright/test';
import { TicketFactory } from '../../src/simulator/factory';
import { openFirstTicket, quietHub, waitFor } from '../support/flows';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

// Seed 3 with the calm intents (support/flows): the first ticket is a pre-sale question in a calm
// mood, with an upstream coupon recommendation, so marketing is allowed (a complaint would suppress it).
const calmHub = quietHub();

test.describe('agent workspace', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('log in, answer with a suggestion by keyboard, get the reply, send a coupon, close', async ({ page }) => {
    stack = await startStack({ signedOut: true, seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);

    // Sign in through the login screen.
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await page.getByTestId('login-hub').fill(stack.hubUrl);
    await page.getByTestId('login-user').fill('agent1');
    await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('top-bar')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'online');

    // The simulator escalated a ticket when it started; the queue hands it over as the agent signs in.
    const ticketId = await openFirstTicket(page);
    await expect(page.getByTestId('message').first()).toBeVisible();

    // Insert the first suggestion with Alt+1, edit it, send with Ctrl+Enter.
    const chip = page.getByTestId('suggestion-chip').first();
    await expect(chip).toBeVisible();
    const chipText = (await chip.locator('.xe-ellipsis').textContent())!.trim();
    expect(chipText.length).toBeGreaterThan(0);
    const input = page.getByTestId('composer-input');
    await input.click();
    await page.keyboard.press('Alt+1');
    await expect(input).toHaveValue(chipText);
    await page.keyboard.press('End');
    await page.keyboard.insertText('祝您购物愉快！');
    const sent = `${chipText}祝您购物愉快！`;
    await expect(input).toHaveValue(sent);
    const customerBefore = await page.locator('[data-testid="message"][data-from="customer"]').count();
    await page.keyboard.press('Control+Enter');

    const agentMsg = page.locator('[data-testid="message"][data-from="agent"]', { hasText: '祝您购物愉快！' });
    await expect(agentMsg).toBeVisible();
    await expect(input).toHaveValue('');
    // The hub has it, exactly as edited.
    await waitFor(async () =>
      (await stack.hub.store.lastMessages(ticketId, 50)).some((m) => m.from === 'agent' && m.kind === 'text' && m.text === sent),
    );

    // The simulated customer answers after a short think.
    await expect(page.locator('[data-testid="message"][data-from="customer"]')).toHaveCount(customerBefore + 1, {
      timeout: 10_000,
    });

    // A coupon from the marketing panel — once the customer's newest question is answered (issue 13 §4).
    await page.getByTestId('side-tab-offers').click();
    const coupon = page.locator('[data-testid="recommendation"][data-kind="coupon"]').first();
    const waiting = page.getByTestId('marketing-suppressed');
    await expect(coupon.or(waiting)).toBeVisible();
    if (await waiting.isVisible()) {
      await expect(waiting).toContainText('先回答再推荐');
      await input.click();
      await page.keyboard.insertText('亲，正常洗涤不会缩水的，建议冷水手洗哦');
      await page.keyboard.press('Control+Enter');
      await expect(page.locator('[data-testid="message"][data-from="agent"]', { hasText: '不会缩水' })).toBeVisible();
    }
    await expect(coupon).toBeVisible({ timeout: 10_000 });
    await coupon.getByTestId('recommendation-send').click();
    await expect(page.getByTestId('conversation-view').getByTestId('coupon-card').last()).toBeVisible();
    await waitFor(async () =>
      (await stack.hub.store.lastMessages(ticketId, 50)).some((m) => m.kind === 'coupon_card'),
    );

    // Close with an outcome.
    await page.getByTestId('close-ticket').click();
    // (the antd modal root is display: contents, so its dialog is what is visible)
    const dialog = page.getByTestId('close-dialog').getByRole('dialog');
    await expect(dialog).toBeVisible();
    // antd puts the test id on the hidden radio input; the agent clicks its label
    await page.locator('label:has([data-testid="resolution-resolved"])').click();
    await expect(page.getByTestId('resolution-resolved')).toBeChecked();
    await page.getByTestId('close-confirm').click();
    await expect(dialog).toBeHidden();
    const head = await waitFor(async () => {
      const h = await stack.hub.store.getTicketHead(ticketId);
      return h?.status === 'resolved' ? h : null;
    });
    expect(head.status).toBe('resolved');
    await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0');
  });

  test('the pre-send guard stops a draft that breaks the return policy', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    const ticketId = await openFirstTicket(page);
    const input = page.getByTestId('composer-input');
    await input.click();
    await page.keyboard.insertText('亲，我们支持30天无理由退货哦');
    await page.keyboard.press('Control+Enter');

    const warnings = page.getByTestId('guard-warnings');
    await expect(warnings).toBeVisible();
    await expect(page.getByTestId('guard-warning').first()).toBeVisible();
    // Nothing left the workstation: not on screen, not at the hub, the draft is kept for editing.
    await expect(page.locator('[data-testid="message"][data-from="agent"]', { hasText: '30天无理由退货' })).toHaveCount(0);
    await expect(input).toHaveValue('亲，我们支持30天无理由退货哦');
    await page.waitForTimeout(500);
    expect((await stack.hub.store.lastMessages(ticketId, 50)).some((m) => m.from === 'agent')).toBe(false);
    await page.screenshot({ path: 'test-results/guard-zh.png' });
  });

  test('customer PII is masked until the agent asks to see it', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    const ticketId = await openFirstTicket(page);
    const ticket = (await stack.hub.store.getTicket(ticketId))!;
    const phone = ticket.customer.phone;
    expect(phone).toMatch(/^1\d{10}$/);

    const profile = page.getByTestId('customer-profile');
    await expect(profile).toHaveAttribute('data-pii', 'masked');
    await expect(page.getByTestId('pii-phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    // Not on screen, and not hidden anywhere in the DOM either.
    expect(await page.content()).not.toContain(phone);
    expect(await page.content()).not.toContain(ticket.customer.address);

    await page.getByTestId('pii-toggle').click();
    await expect(profile).toHaveAttribute('data-pii', 'shown');
    await expect(page.getByTestId('pii-phone')).toHaveText(phone);
  });

  test('a customer kept waiting turns the row amber then red and brings back a reminder', async ({ page, context }) => {
    // Record desktop notifications instead of showing them; the renderer's clock is fake so minutes pass in a moment.
    await context.grantPermissions(['notifications']);
    await page.addInitScript(() => {
      const shown: { title: string; body?: string; tag?: string }[] = [];
      (window as unknown as { __shown: typeof shown }).__shown = shown;
      class RecordingNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body?: string; tag?: string } = {}) {
          shown.push({ title, ...options });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    });
    await page.clock.install();
    // The customer does not write back during the test: only the renderer's clock moves on, so a new
    // message stamped with the real time would look minutes old.
    stack = await startStack({ seed: 3, hub: { simulate: { ...calmHub.simulate, replyDelayMs: [600_000, 600_000] } } });
    await page.goto(stack.shell.url);
    const row = page.getByTestId('queue-item').first();
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row.getByTestId('queue-waiting')).toHaveCount(0); // just arrived: the row shows the time

    await page.clock.fastForward('01:05');
    await expect(row.getByTestId('queue-waiting')).toHaveAttribute('data-level', 'warn');
    await page.clock.fastForward('01:10');
    await expect(row.getByTestId('queue-waiting')).toHaveAttribute('data-level', 'late');
    await expect(row.getByTestId('queue-waiting')).toContainText('已等 2:');
    await page.screenshot({ path: 'test-results/screens/queue-waiting-zh.png' });
    const reminders = () =>
      page.evaluate(() => (window as unknown as { __shown: { tag?: string; body?: string }[] }).__shown.filter((n) => n.tag === 'waiting-reminder'));
    await expect.poll(async () => (await reminders()).length).toBe(1);
    const nickname = (await row.locator('.xe-qrow-name').textContent())!;
    expect((await reminders())[0]!.body).toContain(nickname);

    // The agent answers: the wait ends and the label goes back to the time of the last message.
    await row.click();
    const input = page.getByTestId('composer-input');
    await input.fill('亲，在的，马上为您查看～');
    await page.keyboard.press('Control+Enter');
    await expect(row.getByTestId('queue-waiting')).toHaveCount(0);
  });

  test('"/" in the reply box lists quick phrases; arrows choose, Enter inserts, Esc cancels', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await openFirstTicket(page);
    const input = page.getByTestId('composer-input');
    await input.click();
    await page.keyboard.type('亲， /退货');
    const menu = page.getByTestId('slash-menu');
    await expect(menu.getByTestId('slash-item').first()).toContainText('退货流程');
    await expect(menu.getByTestId('slash-item').nth(1)).toContainText('退货已签收');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByTestId('slash-item').nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.screenshot({ path: 'test-results/screens/quick-phrases-zh.png' });
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(input).toHaveValue(/^亲， .+仓库已签收/);
    await expect(input).not.toHaveValue(/\/退货/);

    // Esc closes the list and keeps what was typed; the next key is ordinary typing again
    await page.keyboard.type(' /发票');
    await expect(menu.getByTestId('slash-item').first()).toContainText('开具发票');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(input).toHaveValue(/\/发票$/);
    await expect(input).toBeFocused();
  });

  test('a break stops new conversations until the agent takes tickets again', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item')).toHaveCount(1, { timeout: 15_000 });
    await page.getByTestId('presence-switch').click();
    await page.getByTestId('presence-away').click();
    await expect(page.getByTestId('presence-switch')).toHaveAttribute('data-presence', 'away');
    await expect(page.getByTestId('presence-banner')).toContainText('小休中');
    await page.screenshot({ path: 'test-results/screens/presence-away-zh.png' });

    const queued = await stack.simulator.escalateOne();
    expect(queued.state).toBe('queued'); // nothing routed to an agent on a break
    await page.waitForTimeout(300);
    await expect(page.getByTestId('queue-item')).toHaveCount(1);

    await page.getByTestId('presence-resume').click();
    await expect(page.getByTestId('presence-banner')).toBeHidden();
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${queued.ticketId}"]`)).toBeVisible();
  });

  test('what the AI promised before escalating is listed, and a promise beyond policy is flagged', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item')).toHaveCount(1, { timeout: 15_000 });
    const gen = new TicketFactory(77, { media: false }).next(Date.now(), 'return_request').ticket;
    gen.aiActions = [];
    gen.messages = gen.messages.map((m) =>
      m.from === 'bot' && m.kind === 'text' ? { ...m, text: '亲，本店支持30天无理由退货，48小时内发货哦～' } : m,
    );
    expect((await stack.hub.core.escalate(gen)).assignedTo).toBe('agent1');
    await page.locator(`[data-testid="queue-item"][data-ticket-id="${gen.id}"]`).click();
    const count = page.getByTestId('ai-promises-count');
    await expect(count).toHaveAttribute('data-broken', '1');
    await expect(count).toContainText('AI 已承诺 2 项，1 项超出政策');
    await page.getByTestId('ai-actions').locator('button').first().click();
    const broken = page.locator('[data-testid="ai-promise"][data-broken="true"]');
    await expect(broken).toContainText('AI承诺 30 天可退货，店铺政策为签收后 7 天');
    await expect(page.locator('[data-testid="ai-promise"][data-broken="false"]')).toContainText('48小时内发货');
    await page.screenshot({ path: 'test-results/screens/ai-promises-zh.png' });
  });
});
