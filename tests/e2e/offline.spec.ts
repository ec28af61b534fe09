// Issue "feedback loop and offline triage": the hub goes away (its socket server and port closed), the
// agent keeps working from the local store, and everything syncs when it comes back — including a
// write the hub refuses because the ticket was reassigned meanwhile, which the agent then settles.
import { expect, test, type Page } from '@playwright/test';
import type { Intent } from '../../src/shared/domain';
import type { RunningHub } from '../../src/hub/index';
import { startStack, type Stack } from '../support/stack';
import { outcome } from '../support/fixtures';

const INTENTS: Intent[] = ['coupon_inquiry', 'product_inquiry', 'size_advice', 'membership'];

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting for the hub');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function open(page: Page, ticketId: string) {
  await page.locator(`[data-testid="queue-item"][data-ticket-id="${ticketId}"]`).click();
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-ticket-id', ticketId);
}

async function closeOpenTicket(page: Page) {
  await page.getByTestId('close-ticket').click();
  const dialog = page.getByTestId('close-dialog').getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.locator('label:has([data-testid="resolution-resolved"])').click();
  await page.getByTestId('close-note').fill('离线处理');
  await page.getByTestId('close-confirm').click();
  await expect(dialog).toBeHidden();
}

interface Outage {
  down(stack: Stack): Promise<void>;
  /** Runs fn against the hub's state while the workstation cannot reach it. */
  onHub<T>(stack: Stack, fn: (hub: RunningHub) => Promise<T>): Promise<T>;
  up(stack: Stack): Promise<RunningHub>;
}

/** The link drops (transport closed, reconnects refused) while the hub keeps running. */
const networkCut: Outage = {
  async down(stack) {
    stack.cutNetwork(['agent1']);
  },
  onHub: (stack, fn) => fn(stack.hub),
  async up(stack) {
    stack.restoreNetwork();
    return stack.hub;
  },
};

/** The hub shuts down gracefully (socket server and port closed) and comes back on the same port and database. */
const hubRestart: Outage = {
  async down(stack) {
    await stack.stopHub();
  },
  onHub: (stack, fn) => stack.whileOffline(fn),
  up: (stack) => stack.restartHub(),
};

async function offlineDay(page: Page, stack: Stack, outage: Outage) {
  await page.goto(stack.shell.url);
  await expect(page.getByTestId('queue-item').first()).toBeVisible({ timeout: 15_000 });
  for (let i = 0; i < 2; i++) {
    const r = await stack.simulator.escalateOne();
    expect(r.state).toBe('assigned'); // agent1 is the only agent online
  }
  await expect(page.getByTestId('queue-item')).toHaveCount(3);
  const ids = await page
    .getByTestId('queue-item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket-id')!));
  const [a, b, c] = ids as [string, string, string];

  // A colleague is online to take the ticket a lead will move (the cut only affects agent1).
  await stack.addWorkstation('agent2');
  await waitFor(async () => stack.hub.core.isOnline('agent2'));

  // ── the network goes ──
  await outage.down(stack);
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'offline');

  // The local queue still opens conversations; knowledge search answers from the local index.
  await open(page, a);
  await expect(page.getByTestId('message').first()).toBeVisible();
  await page.getByTestId('side-tab-knowledge').click();
  await page.getByTestId('kb-search').fill('退货运费谁承担');
  await expect(page.getByTestId('kb-hit').first()).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/offline-zh.png' });

  // A draft survives switching tickets (it lives in the local store).
  const input = page.getByTestId('composer-input');
  await input.click();
  await page.keyboard.insertText('离线时写的草稿，稍后发送');
  await page.waitForTimeout(800); // the composer saves drafts after a short pause
  await open(page, b);
  await expect(input).toHaveValue('');
  await open(page, a);
  await expect(input).toHaveValue('离线时写的草稿，稍后发送');

  // Sent while offline: the reply is in the conversation at once, marked as waiting for the hub.
  await input.press('Control+Enter');
  await expect(page.getByTestId('delivery-mark').first()).toHaveAttribute('data-state', 'pending');

  // Meanwhile, on the hub, a lead takes ticket c away from agent1 (the agent cannot know yet): moved to
  // agent2 when agent2 is reachable, otherwise closed by the lead (returned to the bot) — either way
  // agent1's offline close of c must be refused, not silently applied.
  const leadAction = await outage.onHub(stack, async (h) => {
    if (h.core.isOnline('agent2')) {
      const r = await h.core.transfer(
        { id: 'lead1', role: 'lead', name: '组长' },
        { ticketId: c, idempotencyKey: 'lead-moves-c', reason: '组长改派', toAgentId: 'agent2' },
      );
      expect(r.ok).toBe(true);
      return 'moved' as const;
    }
    const head = await h.store.getTicketHead(c);
    const r = await h.core.outcome(
      { id: 'lead1', role: 'lead', name: '组长' },
      outcome({
        idempotencyKey: 'lead-closes-c',
        ticketId: c,
        agentId: 'lead1',
        intent: head!.intent,
        resolution: 'returned_to_bot',
        handleTimeMs: 0,
        note: '组长转回机器人',
      }),
    );
    expect(r.ok).toBe(true);
    return 'closed' as const;
  });

  // Triage and close a and b (and c, which the hub will refuse) while offline: all queued locally.
  await open(page, a);
  await closeOpenTicket(page);
  await open(page, b);
  await closeOpenTicket(page);
  await open(page, c);
  await closeOpenTicket(page);
  await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-count', /^[3-9]$/);
  expect(stack.core.outbox.pendingCount()).toBeGreaterThanOrEqual(3);

  // ── the network comes back ──
  const hub = await outage.up(stack);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'online', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0', { timeout: 15_000 });

  // The reply written offline reached the hub, once.
  const replies = (await hub.store.lastMessages(a, 50)).filter(
    (m) => m.kind === 'text' && m.text === '离线时写的草稿，稍后发送',
  );
  expect(replies).toHaveLength(1);

  // The hub's store has both outcomes.
  for (const id of [a, b]) {
    const head = await waitFor(async () => {
      const h = await hub.store.getTicketHead(id);
      return h?.status === 'resolved' ? h : null;
    });
    expect(head.assignedTo).toBe('agent1');
  }
  const cHead = await hub.store.getTicketHead(c);
  expect(cHead?.status).not.toBe('resolved');
  if (leadAction === 'moved') expect(cHead?.assignedTo ?? null).not.toBe('agent1');
  else expect(cHead?.status).toBe('returned_to_bot');

  // The refused close of c is shown as a sync conflict, and the agent settles it.
  const badge = page.getByTestId('sync-conflicts-badge');
  await expect(badge).toBeVisible({ timeout: 10_000 });
  await expect(badge).toHaveAttribute('data-count', '1');
  await badge.click();
  const row = page.getByTestId('sync-conflict');
  await expect(row).toHaveCount(1);
  // Worded from the hub's error code (its developer text with ids stays in the tooltip).
  await expect(row).toContainText(/这个会话已不再分配给你|会话状态已变化，这个操作不能再执行/);
  await expect(row).not.toContainText(c);
  await page.screenshot({ path: 'test-results/sync-conflict-zh.png' });
  await row.getByTestId('sync-discard').click();
  await expect(badge).toBeHidden();
  expect(stack.core.outbox.conflicts()).toEqual([]);
}

const offlineStack = () =>
  startStack({
    seed: 3,
    persistentHub: true,
    hub: {
      // long grace: the agent keeps their tickets while away (as the design says), so only the
      // ticket a lead moves on purpose can conflict
      graceMs: 120_000,
      simulate: {
        rate: 0,
        intents: INTENTS,
        nudgeAfterMs: 0,
        kbEditEverySec: 0,
        lateActionDelayMs: [600_000, 600_000],
      },
    },
  });

test.describe('offline triage', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('network cut: work offline, sync on reconnect, settle what the hub refused', async ({ page }) => {
    test.setTimeout(90_000);
    stack = await offlineStack();
    await offlineDay(page, stack, networkCut);
  });

  // A graceful hub shutdown says "io server disconnect", after which socket.io does not reconnect by
  // itself; the sync client reconnects on its own, so agents come back online after a hub deploy.
  test('hub restart: work offline, sync when the hub is back on the same port and database', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    stack = await offlineStack();
    await offlineDay(page, stack, hubRestart);
  });
});
