// Team lead: a conflict escalation raised on the hub (two AI agents contradicting each other on a
// refund) reaches lead1's console; the lead decides and agent1's workstation receives the decision.
import { expect, test } from '@playwright/test';
import { CALM_SEED, forceRefundConflict, loginAs, quietHub, waitFor } from '../support/flows';
import { startStack, type Stack } from '../support/stack';

test.describe('team lead', () => {
  let stack: Stack;
  test.afterEach(async () => {
    await stack?.close();
  });

  test('lead1 decides a conflict and the agent receives the decision', async ({ page, browser }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub({ snapshotMs: 500 }) });
    // agent1 works a ticket
    await page.goto(stack.shell.url);
    const row = page.getByTestId('queue-item').first();
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.click();
    const ticketId = (await page.getByTestId('conversation-view').getAttribute('data-ticket-id'))!;

    // lead1 signs in on another workstation and opens the lead console
    const leadWs = await stack.addWorkstation(null);
    const leadCtx = await browser.newContext();
    const lead = await leadCtx.newPage();
    try {
      await loginAs(lead, leadWs.shell.url, stack.hubUrl, 'lead1');
      await lead.getByTestId('mode-switch').getByText('组长').click();
      await expect(lead.getByTestId('lead-console')).toBeVisible();
      await expect(lead.locator('[data-testid="team-agent"][data-status="online"]').first()).toBeVisible({
        timeout: 10_000,
      });

      const conflict = await forceRefundConflict(stack, ticketId);
      const item = lead.locator(`[data-testid="conflict-item"][data-conflict-id="${conflict.id}"]`);
      await expect(item).toBeVisible({ timeout: 10_000 });
      await expect(item).toHaveAttribute('data-status', 'open');
      await item.click();
      const detail = lead.getByTestId('conflict-detail');
      await expect(detail).toHaveAttribute('data-conflict-id', conflict.id);
      await expect(lead.getByTestId('conflict-side')).toHaveCount(2);
      await expect(detail).toContainText('同意退款 59 元');
      await expect(detail).toContainText('拒绝退款：已超过售后期');

      // decide: side B (deny), with a note
      await lead.getByTestId('conflict-decide').locator('label.ant-radio-button-wrapper').nth(1).click();
      await lead
        .getByTestId('conflict-decide')
        .locator('textarea')
        .fill('超过售后期，按规则拒绝，可补偿优惠券');
      await lead.getByTestId('conflict-submit').click();
      await expect(lead.getByTestId('conflict-decision')).toBeVisible();
      // decided conflicts leave the (default) open filter
      await expect(item).toHaveCount(0);

      // the hub recorded it, and agent1's conversation shows the decision
      expect((await stack.hub.store.getConflict(conflict.id))?.decision?.choice).toBe('b');
      await expect(
        page.locator('[data-testid="message"][data-from="system"]', { hasText: '组长裁决' }),
      ).toBeVisible({ timeout: 10_000 });
      await expect(
        page.locator('[data-testid="message"][data-from="system"]', { hasText: '组长裁决' }),
      ).toContainText('超过售后期，按规则拒绝');
      // agent1's core stored the decided conflict too
      await expect.poll(() => stack.core.conflicts.get(conflict.id)?.decision?.choice).toBe('b');
    } finally {
      await leadCtx.close();
    }
  });

  test('lead1 reassigns a ticket from agent1 to agent2 in the team view', async ({ page, browser }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub({ snapshotMs: 500 }) });
    await page.goto(stack.shell.url);
    const row = page.getByTestId('queue-item').first();
    await expect(row).toBeVisible({ timeout: 15_000 });
    const ticketId = (await row.getAttribute('data-ticket-id'))!;

    const agent2 = await stack.addWorkstation('agent2');
    const leadWs = await stack.addWorkstation(null);
    const leadCtx = await browser.newContext();
    const lead = await leadCtx.newPage();
    try {
      await loginAs(lead, leadWs.shell.url, stack.hubUrl, 'lead1');
      await lead.getByTestId('mode-switch').getByText('组长').click();
      await lead.getByTestId('lead-view-tickets').click();
      await expect(lead.getByTestId('team-tickets')).toBeVisible();
      const ticket = lead.locator(`[data-testid="team-ticket"][data-ticket-id="${ticketId}"]`);
      await expect(ticket).toHaveAttribute('data-agent-id', 'agent1', { timeout: 10_000 });
      await expect(ticket.getByTestId('team-ticket-waiting')).toBeVisible();

      // the lead reads the conversation before deciding: read-only, from the hub
      await ticket.getByTestId('team-ticket-open').click();
      const preview = lead.getByTestId('team-ticket-preview');
      await expect(preview).toHaveAttribute('data-ticket-id', ticketId);
      const held = (await stack.hub.store.getTicket(ticketId))!;
      await expect(preview.getByTestId('message')).toHaveCount(held.messages.length);
      await expect(ticket).toHaveClass(/is-selected/);

      // a private note to agent1, who has the conversation open; the customer never sees it
      await row.click();
      await lead.getByTestId('whisper-input').fill('顾客犹豫价格，可以送一张满199减20的券');
      await lead.getByTestId('whisper-send').click();
      const note = page.locator('[data-testid="message"][data-event="lead_note"]');
      await expect(note).toContainText('满199减20', { timeout: 10_000 });
      await expect(note).toContainText('顾客看不到');
      await expect(page.locator('.ant-message')).toContainText('组长给「'); // announced, not only in the timeline
      await expect(preview.locator('[data-testid="message"][data-event="lead_note"]')).toBeVisible({
        timeout: 10_000,
      });
      await lead.screenshot({ path: 'test-results/screens/lead-preview-zh.png' });
      await page.screenshot({ path: 'test-results/screens/lead-note-agent-zh.png' });

      // agent2 shows up as a target once the team board has them online with a free seat
      await expect(async () => {
        await ticket.getByTestId('reassign-button').click();
        await expect(lead.locator('[data-testid="reassign-option"][data-agent-id="agent2"]')).toBeVisible({
          timeout: 1000,
        });
      }).toPass({ timeout: 15_000 });
      await lead.locator('[data-testid="reassign-option"][data-agent-id="agent2"]').click();

      // the hub moved it: agent2's core holds it, agent1's queue lets it go, the lead's list regroups
      await expect
        .poll(() => agent2.core.tickets.get(ticketId)?.status ?? null, { timeout: 10_000 })
        .not.toBeNull();
      await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${ticketId}"]`)).toHaveCount(0, {
        timeout: 10_000,
      });
      await expect(ticket).toHaveAttribute('data-agent-id', 'agent2', { timeout: 10_000 });
    } finally {
      await leadCtx.close();
    }
  });

  test('lead1 sees the feedback loop: closed tickets, suggestion adoption by source, resolution by intent', async ({
    page,
  }) => {
    stack = await startStack({ seed: CALM_SEED, hub: quietHub({ snapshotMs: 500 }), user: 'lead1' });
    // agent1 works one ticket on their own workstation: takes the first suggestion, edits it, sends, closes
    const agent = await stack.addWorkstation('agent1');
    const call = async (method: string, input: unknown) => {
      const r = await agent.core.router.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as never;
    };
    const [ticket] = await waitFor(async () => {
      const list = (await call('tickets.list', {})) as { id: string }[];
      return list.length ? list : null;
    });
    const { suggestions } = (await waitFor(async () => {
      const s = (await call('assist.suggestions', { ticketId: ticket!.id })) as {
        suggestions: { id: string; text: string; source: string }[];
      };
      return s.suggestions.length ? s : null;
    })) as { suggestions: { id: string; text: string; source: string }[] };
    const chosen = suggestions[0]!;
    await call('assist.event', { ticketId: ticket!.id, suggestionId: chosen.id, event: 'inserted' });
    const finalText = `${chosen.text}～`;
    await call('tickets.reply', { ticketId: ticket!.id, body: { kind: 'text', text: finalText } });
    await call('assist.event', { ticketId: ticket!.id, suggestionId: chosen.id, event: 'sent', finalText });
    await call('tickets.close', { ticketId: ticket!.id, resolution: 'resolved', note: '' });
    await waitFor(async () => ((await stack.hub.store.metrics()).outcomes >= 1 ? true : null));

    await page.goto(stack.shell.url);
    await page.getByTestId('mode-switch').locator('.ant-segmented-item').nth(1).click();
    await page.getByTestId('lead-view-insights').click();
    const kpis = page.getByTestId('insights-kpis');
    await expect(kpis).toContainText('已结单');
    await expect(kpis.locator('.ant-statistic').first()).toContainText('1');
    await expect(kpis).toContainText('100%'); // resolved by the agent
    // Every upstream suggestion the agent was shown counts; the one taken is the only one adopted.
    const upstreamShown = suggestions.filter((x) => x.source === 'upstream_ai').length;
    await expect(page.getByTestId('insights-adoption')).toContainText(
      `采纳率 ${Math.round(100 / upstreamShown)}%，改写平均 1 字`,
    );
    await expect(
      page.getByTestId('insights-resolution').locator('.recharts-bar-rectangle').first(),
    ).toBeVisible();
    await page.waitForTimeout(500); // chart animation
    await page.screenshot({ path: 'test-results/screens/lead-insights-zh.png' });
  });
});
