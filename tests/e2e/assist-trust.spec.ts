// Issue 13 §2–§4 and issue 9 §4–§5 on screen, in Debian Chromium against a real hub and core:
// the pre-send guard catches everyday promises with the reason shown; the AI's actions are flagged on
// the agent's strip exactly as the hub raises them for the lead; marketing waits for the answer;
// suggestions fit the ticket's facts; the knowledge panel searches what the customer asked and starts
// clean on each ticket, without made-up percentages.
import { expect, test, type Page } from '@playwright/test';
import { TicketFactory } from '../../src/simulator/factory';
import type { Message, Ticket } from '../../src/shared/domain';
import { openFirstTicket, quietHub } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

const calmHub = quietHub();

/** A simulator ticket of that intent, its conversation replaced by the given customer/bot turns. */
function ticketOf(
  seed: number,
  intent: Ticket['intent'],
  turns: [Message['from'], string][],
  over: Partial<Ticket> = {},
): Ticket {
  const t = new TicketFactory(seed, { media: false }).next(Date.now(), intent).ticket;
  const at = Date.now() - 60_000;
  t.messages = turns.map(
    ([from, text], i) =>
      ({ id: `${t.id}_x${i}`, ticketId: t.id, from, at: at + i * 1000, kind: 'text', text }) as Message,
  );
  t.aiActions = [];
  return { ...t, ...over };
}

async function escalateAndOpen(stack: Stack, page: Page, t: Ticket) {
  expect((await stack.hub.core.escalate(t)).assignedTo).toBe('agent1');
  await page.locator(`[data-testid="queue-item"][data-ticket-id="${t.id}"]`).click();
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', t.id);
}

test.describe('assist the agent can trust', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('13§2: "我们保证明天一定送到" and "假一赔十" are stopped before sending, with the reason', async ({
    page,
  }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    const ticketId = await openFirstTicket(page);
    const input = page.getByTestId('composer-input');
    for (const [draft, reason] of [
      ['我们保证明天一定送到', '承诺送达日期或时间'],
      ['假一赔十，放心购买', '鉴定结论出来前不得承诺「假一赔十」'],
    ] as const) {
      await input.fill('');
      await input.click();
      await page.keyboard.insertText(draft);
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('guard-warnings')).toBeVisible();
      await expect(page.getByTestId('guard-warning').first()).toContainText(reason);
      await expect(input).toHaveValue(draft);
    }
    await page.screenshot({ path: 'test-results/screens/guard-promise-zh.png' });
    await page.waitForTimeout(500);
    expect((await stack.hub.store.lastMessages(ticketId, 50)).some((m) => m.from === 'agent')).toBe(false);
  });

  test('13§3: the AI agents’ "承诺15天内可退" and "同意退货退款" are flagged on the strip as the hub raises them for the lead', async ({
    page,
  }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item')).toHaveCount(1, { timeout: 15_000 });
    const t = ticketOf(77, 'return_request', [
      ['customer', '衣服不喜欢想退货'],
      ['bot', '亲，商品签收7天内可申请无理由退货哦～'],
    ]);
    await escalateAndOpen(stack, page, t);
    const approve = await stack.hub.core.aiAction(t.id, {
      id: `${t.id}_ok`,
      actor: { kind: 'ai', id: 'ai-售后Agent', name: '售后Agent' },
      type: 'return_approve',
      params: { orderId: t.orders[0]!.id },
      summary: '同意退货退款',
    });
    const deny = await stack.hub.core.aiAction(t.id, {
      id: `${t.id}_no`,
      actor: { kind: 'ai', id: 'ai-风控Agent', name: '风控Agent' },
      type: 'return_deny',
      params: { orderId: t.orders[0]!.id },
      summary: '超出7天无理由期限，拒绝退货',
    });
    const promise = await stack.hub.core.aiAction(t.id, {
      id: `${t.id}_15`,
      actor: { kind: 'ai', id: 'ai-售后Agent', name: '售后Agent' },
      type: 'promise',
      params: { returnDays: 15 },
      summary: '承诺15天内可退',
    });
    // What the lead's conflict view lists: the hub's conflicts, each with its severity.
    const raised = [...approve, ...deny, ...promise];
    const hubSeverity = (actionId: string) =>
      raised.find((c) => c.sides.some((s) => s.id === actionId))?.severity;
    expect(hubSeverity(`${t.id}_15`)).toBe('high');
    expect(hubSeverity(`${t.id}_ok`)).toBe('high');

    const strip = page.getByTestId('ai-actions');
    await expect(page.getByTestId('ai-promises-count')).toHaveAttribute('data-broken', '3', {
      timeout: 15_000,
    });
    await strip.locator('button').first().click();
    for (const id of [`${t.id}_15`, `${t.id}_ok`, `${t.id}_no`]) {
      const row = strip.locator(`[data-testid="ai-action"][data-action-id="${id}"]`);
      await expect(row).toHaveAttribute('data-broken', 'true');
      await expect(row).toHaveAttribute('data-severity', hubSeverity(id)!);
      await expect(row.getByTestId('ai-verdict-severity')).toHaveText('严重');
    }
    await expect(strip.locator(`[data-action-id="${t.id}_15"]`)).toContainText(
      '承诺 15 天退货，平台政策为 7 天',
    );
    await page.screenshot({ path: 'test-results/screens/ai-actions-verdicts-zh.png' });
  });

  test('13§4: an offer waits until the customer’s pre-sale question is answered', async ({ page }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item')).toHaveCount(1, { timeout: 15_000 });
    const t = ticketOf(78, 'product_inquiry', [['customer', '这款大衣是什么面料的？洗了会缩水吗？']], {
      sentiment: { label: 'neutral', score: 0.1 },
    });
    await escalateAndOpen(stack, page, t);
    await page.getByTestId('side-tab-offers').click();
    const waiting = page.getByTestId('marketing-suppressed');
    await expect(waiting).toContainText('客户的问题还没有回答');
    await expect(page.getByTestId('recommendation')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/marketing-waits-zh.png' });

    const input = page.getByTestId('composer-input');
    await input.click();
    await page.keyboard.insertText('亲，这款是羊毛面料，建议干洗，正常不会缩水哦');
    await page.keyboard.press('Control+Enter');
    await expect(
      page.locator('[data-testid="message"][data-from="agent"]', { hasText: '不会缩水' }),
    ).toBeVisible();
    await expect(waiting).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByTestId('recommendation').first()).toBeVisible();
  });

  test('9§4: no chip says the order is still in the 7-day window on a ticket escalated for being past it', async ({
    page,
  }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    await expect(page.getByTestId('queue-item')).toHaveCount(1, { timeout: 15_000 });
    const t = ticketOf(
      79,
      'return_request',
      [
        ['customer', '收到的裙子尺码不对，能退吗'],
        ['customer', '已经第8天了，能不能通融一下'],
      ],
      {
        escalationReason: '超出7天无理由期限，需人工判断',
      },
    );
    t.suggestions = [
      {
        id: `${t.id}_s1`,
        text: '亲，您的订单仍在7天无理由退货期内，可直接在订单页申请退货，运费险会自动理赔。',
        source: 'upstream_ai',
        score: 0.95,
        reason: '高频话术',
      },
    ];
    await escalateAndOpen(stack, page, t);
    const chips = page.getByTestId('suggestion-chip');
    await expect(chips.first()).toBeVisible({ timeout: 15_000 });
    await expect(chips.filter({ hasText: '仍在7天无理由退货期内' })).toHaveCount(0);
  });

  test('9§5: one-click search uses the question, not the nudge; results clear on another ticket; only calibrated percentages', async ({
    page,
  }) => {
    stack = await startStack({ seed: 3, hub: calmHub });
    await page.goto(stack.shell.url);
    const first = await openFirstTicket(page);
    const t = ticketOf(
      80,
      'refund_progress',
      [
        ['customer', '退款申请五天了还没到账'],
        ['customer', '在吗？'],
        ['customer', '？？？'],
      ],
      {
        sentiment: { label: 'neutral', score: 0 },
      },
    );
    await escalateAndOpen(stack, page, t);
    await page.getByTestId('side-tab-knowledge').click();
    const seed = page.getByTestId('kb-use-customer');
    await expect(seed).toContainText('退款申请五天了还没到账');
    await expect(seed).not.toContainText('？？？');
    await seed.click();
    await expect(page.getByTestId('kb-search')).toHaveValue('退款申请五天了还没到账');
    const hits = page.getByTestId('kb-hit');
    await expect(hits.first()).toBeVisible({ timeout: 10_000 });
    // Scores mean something: the only percentages are calibrated answer likelihoods (shown once the model
    // serves the search; keyword-only hits show none), never a raw similarity.
    const relevance = await page.getByTestId('kb-hit-relevance').allInnerTexts();
    for (const tag of relevance) expect(tag).toMatch(/^解答可能性 \d{1,3}%$/);
    const panelText = await page.getByTestId('knowledge-panel').innerText();
    expect(panelText.split('%').length - 1).toBe(relevance.length);
    await expect(hits.first().getByTestId('kb-hit-match')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/knowledge-substantive-zh.png' });
    // "Insert" puts in the document's answering sentence(s), not the snippet's table row or cut-off tail.
    const input = page.getByTestId('composer-input');
    await hits.first().getByTestId('kb-insert').click();
    await expect(input).not.toHaveValue('');
    const inserted = await input.inputValue();
    expect(inserted).toMatch(/[。！？]$/);
    expect(inserted).not.toMatch(/---|\||…|坐席|不得承诺/);
    await input.fill('');

    await page.locator(`[data-testid="queue-item"][data-ticket-id="${first}"]`).click();
    await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', first);
    await expect(page.getByTestId('kb-search')).toHaveValue('');
    await expect(hits).toHaveCount(0);
  });
});
