// Issue 13 item 7: in English, every system string a person reads is English. What people (and the
// upstream AI agents) wrote — messages, names, suggested replies, offers' copy, product titles — stays
// as written and is left out of the scan; everything else on screen must have no CJK character.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_USERS } from '../../src/hub/auth/users';
import { forceRefundConflict, quietHub } from '../support/flows';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

/** Content written by people or by the AI agents, shown as written in any language. */
const AUTHORED = [
  '[data-authored]',
  '[data-testid="message"]:not([data-kind="system"])',
  '[data-testid="suggestion-chip"]',
  '[data-testid="recommendation"]',
  '[data-testid="composer-input"]',
  '[data-testid="customer-profile"] .ant-descriptions-item-content',
  '[data-testid="ai-promise"]',
  // What the AI agents did, in their words and under their names.
  '.xe-aistrip-list li > span:not(.xe-msg-time)',
  '.xe-aistrip-list li > .ant-tag:first-of-type',
  '[data-testid="conflict-side"] .ant-tag:first-of-type',
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
async function cjkSystemText(page: Page, scope = 'body'): Promise<string[]> {
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
          if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
          found.push(`${text.trim()}  ←  ${el.outerHTML.slice(0, 160)}`);
        }
      }
      return found;
    },
    { authored: AUTHORED, scope, names: NAMES },
  );
}

test.describe('English only', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('no Chinese in system strings: queue, conversation, close dialog, lead conflict view', async ({ page }) => {
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
});
