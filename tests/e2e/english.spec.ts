// Issue 13 item 7: in English, every system string a person reads is English. What people (and the
// upstream AI agents) wrote — messages, names, suggested replies, offers' copy, product titles — stays
// as written and is left out of the scan; everything else on screen must have no CJK character.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_USERS } from '../../src/hub/auth/users';
import { TicketFactory } from '../../src/simulator/factory';
import type { Message, Ticket } from '../../src/shared/domain';
import { forceRefundConflict, quietHub } from '../support/flows';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

/** Content written by people or by the AI agents, shown as written in any language. */
const AUTHORED = [
  // Quotes inside the product's own sentences (a customer's words, a product title, the AI's summary).
  '[data-authored]',
  '[data-testid="message"]:not([data-kind="system"])',
  '[data-testid="composer-input"]',
  '[data-testid="customer-profile"] .ant-descriptions-item-content',
  '.xe-qrow-name',
  // Catalog and order data from the shop: product titles, carriers and tracking numbers.
  '.xe-card .xe-ellipsis',
  '.xe-card-foot',
  '.xe-brand', // the product's name, 小二, is a name
  '.xe-logo',
  '[data-testid="language-toggle"]', // 中文: a language is offered under its own name
];

/** People's and AI agents' names, taken out of a text before it is checked (a sentence may hold one). */
const NAMES: string[] = [...DEFAULT_USERS.map((u) => u.name), '售后Agent', '风控Agent'];

/** Every visible text node outside authored content that holds a CJK character (names aside). */
async function cjkSystemText(page: Page, scope = 'body', names = NAMES): Promise<string[]> {
  return page.evaluate(
    ({ authored, scope, names }) => {
      const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
      const found: string[] = [];
      const roots = Array.from(document.querySelectorAll(scope));
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = names.reduce((s, name) => s.split(name).join(''), n.textContent ?? '');
          const el = n.parentElement;
          if (!el || !CJK.test(text)) continue;
          if (authored.some((sel) => el.closest(sel))) continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0)
            continue;
          found.push(`${text.trim()}  ←  ${el.outerHTML.slice(0, 160)}`);
        }
      }
      return found;
    },
    { authored: AUTHORED, scope, names },
  );
}

/**
 * A pre-sale ticket whose question is still open (so the offers wait), where the bot already promised
 * a 30-day return and next-day delivery, and an AI agent promised 15 days (the lead gets the conflict).
 */
function promisingTicket(): Ticket {
  const t = new TicketFactory(81, { media: false }).next(Date.now(), 'product_inquiry').ticket;
  const at = Date.now() - 60_000;
  const turns: [Message['from'], string][] = [
    ['customer', '这款大衣是什么面料的？洗了会缩水吗？'],
    ['bot', '亲，我们支持30天无理由退货哦，明天一定送到'],
  ];
  t.messages = turns.map(
    ([from, text], i) =>
      ({ id: `${t.id}_x${i}`, ticketId: t.id, from, at: at + i * 1000, kind: 'text', text }) as Message,
  );
  t.aiActions = [];
  t.sentiment = { label: 'neutral', score: 0.1 };
  return t;
}

test.describe('English only', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('no Chinese in system strings: queue, conversation, close dialog, lead conflict view', async ({
    page,
  }) => {
    stack = await startStack({ signedOut: true, seed: 3, hub: quietHub() });
    await page.goto(stack.shell.url);
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('login-submit')).toHaveText(/Sign in/i);
    expect(await cjkSystemText(page)).toEqual([]);

    await page.getByTestId('login-hub').fill(stack.hubUrl);
    await page.getByTestId('login-user').fill('agent1');
    await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('top-bar')).toBeVisible({ timeout: 20_000 });
    const row = page.getByTestId('queue-item').first();
    await expect(row).toBeVisible({ timeout: 20_000 });
    const ticketId = (await row.getAttribute('data-ticket-id'))!;
    NAMES.push((await stack.hub.store.getTicket(ticketId))!.customer.nickname);

    // The queue before anything is opened: the escalation is worded as the hub's code says.
    expect(await cjkSystemText(page)).toEqual([]);

    // The customer sends a photo: the queue row says so in English.
    await stack.hub.core.customerMessage(ticketId, {
      kind: 'image',
      url: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4=',
      width: 240,
      height: 240,
    });
    await expect(row.locator('.xe-qrow-preview')).toHaveText('[Image]');

    await row.click();
    await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', ticketId);
    await expect(page.getByTestId('message').first()).toBeVisible();
    await page.getByTestId('ai-actions').locator('button.xe-aistrip-toggle').click();
    await expect(page.getByTestId('ai-actions')).toHaveAttribute('data-expanded', 'true');
    expect(await cjkSystemText(page)).toEqual([]);

    await page.getByTestId('close-ticket').click();
    await expect(page.getByTestId('close-dialog').getByRole('dialog')).toBeVisible();
    expect(await cjkSystemText(page, '.ant-modal')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: 'test-results/english-workspace.png' });

    // The lead's conflict view: words, the customer's name, no ids.
    await forceRefundConflict(stack, ticketId);
    await page.getByTestId('agent-name').click();
    await page.getByRole('menuitem', { name: /Sign out$/ }).click();
    await page.getByTestId('login-user').fill('lead1');
    await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('mode-switch').getByText('Lead console').click();
    const item = page.getByTestId('conflict-item').first();
    await expect(item).toBeVisible({ timeout: 20_000 });
    await item.click();
    const detail = page.getByTestId('conflict-detail');
    await expect(detail).toBeVisible();
    const customer = (await stack.hub.store.getTicket(ticketId))!.customer.nickname;
    NAMES.push(customer);
    await expect(detail).toContainText(`Customer ${customer}`);
    await expect(detail).not.toContainText(ticketId);
    await expect(detail).not.toContainText('refund-approve-vs-deny');
    expect(await cjkSystemText(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/english-lead.png' });
  });

  for (const lang of ['en', 'zh'] as const) {
    test(`${lang}: guard warning, the AI's promises, why a suggestion, a held-back offer, the lead's conflict`, async ({
      page,
    }) => {
      stack = await startStack({ signedOut: true, seed: 3, hub: quietHub() });
      const names = [...NAMES];
      await page.goto(stack.shell.url);
      if (lang === 'en') {
        await page.getByTestId('language-toggle').click();
        await expect(page.getByTestId('login-submit')).toHaveText(/Sign in/i);
      }
      const scan = async (scope = 'body') => {
        if (lang === 'en') expect(await cjkSystemText(page, scope, names)).toEqual([]);
      };
      const shot = (name: string) =>
        page.screenshot({ path: `test-results/screens/core-words-${name}-${lang}.png` });
      await page.getByTestId('login-hub').fill(stack.hubUrl);
      await page.getByTestId('login-user').fill('agent1');
      await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('queue-item').first()).toBeVisible({ timeout: 20_000 });

      const t = promisingTicket();
      names.push(t.customer.nickname);
      expect((await stack.hub.core.escalate(t)).assignedTo).toBe('agent1');
      await stack.hub.core.aiAction(t.id, {
        id: `${t.id}_15`,
        actor: { kind: 'ai', id: 'ai-aftersale', name: '售后Agent' },
        type: 'promise',
        params: { returnDays: 15 },
        summary: '承诺15天内可退',
      });
      await page.locator(`[data-testid="queue-item"][data-ticket-id="${t.id}"]`).click();
      await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', t.id);

      // The AI strip: the bot's promises and the AI agent's action, each with its verdict in words.
      const strip = page.getByTestId('ai-actions');
      await expect(page.getByTestId('ai-promises-count')).toHaveAttribute('data-broken', '3', {
        timeout: 15_000,
      });
      await strip.locator('button.xe-aistrip-toggle').click();
      await expect(strip.getByTestId('ai-verdict-reason')).toHaveCount(3);
      await expect(strip.getByTestId('ai-verdict-reason').first()).toContainText(
        lang === 'en'
          ? 'The AI promises returns within 30 days'
          : 'AI承诺 30 天可退货，店铺政策为签收后 7 天无理由退货',
      );
      await expect(strip.locator(`[data-action-id="${t.id}_15"]`)).toContainText(
        lang === 'en'
          ? 'promised returns within 15 days; the platform policy allows 7 days'
          : '承诺 15 天退货，平台政策为 7 天',
      );
      await scan();
      await shot('ai-strip');

      // Offers wait for the answer, and say why.
      await page.getByTestId('side-tab-offers').click();
      await expect(page.getByTestId('marketing-suppressed')).toContainText(
        lang === 'en' ? 'question is not answered yet' : '客户的问题还没有回答',
      );
      await scan();

      // Why a suggestion is offered, in the chip's tooltip.
      const chip = page.getByTestId('suggestion-chip').first();
      await expect(chip).toBeVisible({ timeout: 20_000 });
      await chip.hover();
      const why = page.getByTestId('suggestion-reason');
      await expect(why).toBeVisible();
      await expect(why).toContainText(lang === 'en' ? /estimated adoption/ : /采纳率估计/);
      await scan();
      await shot('suggestion');
      await page.mouse.move(0, 0);

      // The pre-send guard: a promise the rules forbid, with the knowledge it comes from.
      const input = page.getByTestId('composer-input');
      await input.click();
      await page.keyboard.insertText('我们保证明天一定送到，假一赔十');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('guard-warnings')).toBeVisible();
      await expect(page.getByTestId('guard-reason').first()).toContainText(
        lang === 'en' ? 'Promises a delivery date or time' : '承诺送达日期或时间',
      );
      await scan();
      await shot('guard');

      // The lead's conflict view of the AI agent's promise: words, no ids.
      await page.getByTestId('guard-send-anyway').waitFor();
      await input.fill('');
      await page.getByTestId('agent-name').click();
      await page.getByRole('menuitem', { name: lang === 'en' ? /Sign out$/ : /退出登录$/ }).click();
      await page.getByTestId('login-user').fill('lead1');
      await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page
        .getByTestId('mode-switch')
        .getByText(lang === 'en' ? 'Lead console' : '组长台')
        .click();
      const item = page.getByTestId('conflict-item').first();
      await expect(item).toBeVisible({ timeout: 20_000 });
      await item.click();
      const detail = page.getByTestId('conflict-detail');
      await expect(detail).toContainText(
        lang === 'en' ? 'Promise beyond the return policy' : '承诺超出退货政策',
      );
      await expect(detail).not.toContainText('promise-return-days');
      await expect(detail).not.toContainText('returnDays');
      // The policy side is a rule, not an AI agent.
      await expect(detail.getByTestId('conflict-side-rule')).toHaveText(
        lang === 'en' ? 'Platform policy' : '平台政策',
      );
      await expect(detail).not.toContainText(lang === 'en' ? 'AI · Platform policy' : 'AI · 平台政策');
      await scan();
      await shot('lead');
    });
  }
});
