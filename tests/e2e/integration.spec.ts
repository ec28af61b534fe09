// A platform integrated over plain HTTP, seen by the agent in Chromium: an escalation posted to /v1
// arrives in the queue, the agent's reply reaches the platform's webhook receiver, and the channel's
// delivery report — delivered, or failed with its reason — shows beside the message.
import { expect, test } from '@playwright/test';
import { escalationBody, integration, receiverFor } from '../support/integration';
import { waitFor } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
test.afterEach(async () => {
  await stack?.close();
});

test('an escalation over HTTP reaches the agent; the channel reports delivery beside the reply', async ({ page }) => {
  stack = await startStack({ simulate: false });
  const { client } = await integration(stack.hub, 'shop');
  const rx = await receiverFor(client);
  const made = await client.escalate(escalationBody({ intent: { name: 'tracking', confidence: 0.93 } }), 'e2e-http-1');
  if (!made.ok) throw new Error(made.error.message);
  const id = made.data.conversationId;

  await page.goto(stack.shell.url);
  const row = page.locator(`[data-testid="queue-item"][data-ticket-id="${id}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.click();
  await expect(page.getByTestId('message').first()).toContainText('我的快递三天没动了');

  const input = page.getByTestId('composer-input');
  for (const text of ['您好，我来帮您查物流', '已为您催促快递']) {
    await input.click();
    await page.keyboard.insertText(text);
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('[data-testid="message"][data-from="agent"]', { hasText: text })).toBeVisible();
  }
  const messages = await waitFor(async () => {
    const got = rx.events.filter((e) => e.type === 'agent.message');
    return got.length === 2 ? got : undefined;
  });
  const [first, second] = messages.map((e) => (e.type === 'agent.message' ? e.data.messageId : ''));
  await client.reportDelivery(id, { messageId: first!, status: 'delivered' });
  await client.reportDelivery(id, { messageId: second!, status: 'failed', reason: '顾客已关闭店铺消息通知' });

  await expect(page.locator('[data-state="channel-delivered"]')).toHaveCount(1);
  const failed = page.locator('[data-state="channel-failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute('aria-label', /顾客已关闭店铺消息通知/);
  await page.screenshot({ path: 'test-results/screens/channel-delivery-zh.png' });
});
