// Steps several end-to-end specs share: signing in through the login screen, forcing a conflict on
// the hub, a quiet simulator, waiting for hub state.
import { expect, type Page } from '@playwright/test';
import type { StartHubOptions } from '../../src/hub/index';
import type { Intent } from '../../src/shared/domain';
import { DEMO_PASSWORD, type Stack } from './stack';

/**
 * Seed 3 with these intents: the first ticket is a pre-sale question in a calm mood with an upstream
 * coupon recommendation, so marketing is allowed (a complaint would suppress it, rightly).
 */
export const CALM_SEED = 3;
export const CALM_INTENTS: Intent[] = ['coupon_inquiry', 'product_inquiry', 'size_advice', 'membership'];

/** A simulator that only escalates on demand (and once when an idle agent comes online), with quick customers. */
export function quietHub(extra: Omit<StartHubOptions, 'port' | 'dbPath' | 'seed'> = {}) {
  return {
    ...extra,
    simulate: {
      rate: 0,
      intents: CALM_INTENTS,
      replyDelayMs: [400, 900] as [number, number],
      nudgeAfterMs: 0,
      kbEditEverySec: 0,
      conversionChance: 0,
      lateActionDelayMs: [600_000, 600_000] as [number, number],
    },
  };
}

export async function loginAs(page: Page, url: string, hubUrl: string, user: string) {
  await page.goto(url);
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await page.getByTestId('login-hub').fill(hubUrl);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-pass').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('top-bar')).toBeVisible();
}

/** Two AI agents answer the same refund in opposite ways: the hub's rule engine raises a conflict. */
export async function forceRefundConflict(stack: Stack, ticketId: string) {
  const orderId = 'O20240601001';
  await stack.hub.core.aiAction(ticketId, {
    id: `a_${ticketId}_approve`,
    actor: { kind: 'ai', id: 'aftersale_agent', name: '售后Agent' },
    type: 'refund_approve',
    params: { orderId, amount: 59 },
    summary: '同意退款 59 元',
  });
  const conflicts = await stack.hub.core.aiAction(ticketId, {
    id: `a_${ticketId}_deny`,
    actor: { kind: 'ai', id: 'risk_agent', name: '风控Agent' },
    type: 'refund_deny',
    params: { orderId },
    summary: '拒绝退款：已超过售后期',
  });
  expect(conflicts.length).toBeGreaterThan(0);
  return conflicts[0]!;
}

export async function openFirstTicket(page: Page): Promise<string> {
  const first = page.getByTestId('queue-item').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  await first.click();
  const view = page.getByTestId('conversation-view');
  await expect(view).toHaveAttribute('data-ticket-id', /.+/);
  return (await view.getAttribute('data-ticket-id'))!;
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting for the hub');
    await new Promise((r) => setTimeout(r, 100));
  }
}
