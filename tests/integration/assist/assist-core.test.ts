// The assist features through the real XiaoerCore router on a temp data dir: suggestions merged from
// every source, learning from events, marketing cards through the reply path and the outbox, the
// pre-send guard, live pushes, and the outcome carrying what happened.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src/shared/api';
import type { Message, Order, Suggestion, Ticket } from '../../../src/shared/domain';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { textMessage, ticket } from '../../support/fixtures';

let dataDir: string;
let core: XiaoerCore;

async function openCore(): Promise<XiaoerCore> {
  const first = new XiaoerCore({ dataDir, shell: 'browser', model: null });
  // Signed in earlier, hub unreachable now: the assist features must work offline.
  first.tickets.setState(
    'session',
    JSON.stringify({
      hubUrl: 'http://127.0.0.1:9',
      token: 'x'.repeat(32),
      expiresAt: Date.now() + 3_600_000,
      agent: { id: 'agent1', name: '小王', role: 'agent', skills: ['tracking'], capacity: 5 },
    }),
  );
  await first.close();
  return new XiaoerCore({ dataDir, shell: 'browser', model: null });
}

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const res = await core.router.dispatch(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

const shipped: Order = {
  id: 'O202611240001',
  customerId: 'c',
  status: 'shipped',
  items: [{ productId: 'p-1001', title: '法式碎花雪纺连衣裙 收腰显瘦', qty: 1, price: 259 }],
  total: 259,
  createdAt: Date.now() - 3 * 86_400_000,
  carrier: '中通快递',
  trackingNo: '75312345678901',
};

function trackingTicket(id: string): Ticket {
  const t = ticket({
    id,
    intent: 'tracking',
    sentiment: { label: 'neutral', score: -0.1 },
    orders: [shipped],
    suggestions: [
      {
        id: `${id}-up`,
        text: '您好，您的包裹正在运输途中，请耐心等待。',
        source: 'upstream_ai',
        score: 0.66,
        reason: '物流智能体',
      },
    ],
  });
  t.messages = [textMessage(id, '我的快递三天没动了，物流一直不更新')];
  return t;
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-assist-'));
  core = await openCore();
});
afterEach(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('assist through the core API', () => {
  it('merges ranked suggestions from every source, learns from events, and the outcome carries them', async () => {
    const md =
      '# 物流停滞处理\n物流信息超过48小时没有更新时，客服联系快递网点催件，并在24小时内回复顾客最新进展。\n';
    writeFileSync(join(dataDir, 'logistics.md'), md);
    await call('kb.import', { path: join(dataDir, 'logistics.md') });

    const past = trackingTicket('past-1');
    past.messages.push(
      textMessage(past.id, '您好，已为您联系中通网点催件，今天之内会给您回复物流进展', { from: 'agent' }),
    );
    core.tickets.upsertTicket(past);
    core.tickets.setStatus(past.id, 'resolved');

    core.tickets.upsertTicket(trackingTicket('t-1'));
    const first = await call<{ suggestions: Suggestion[] }>('assist.suggestions', {
      ticketId: 't-1',
      limit: 10,
    });
    expect(new Set(first.suggestions.map((s) => s.source))).toEqual(
      new Set(['upstream_ai', 'knowledge', 'macro', 'history']),
    );
    for (const s of first.suggestions) expect(s.reason).toMatch(/^(上游AI|知识库|快捷短语|历史回复)：/);

    // The agent dismisses the top suggestion and sends another with a small edit.
    const [top, second] = first.suggestions;
    await call('assist.event', { ticketId: 't-1', suggestionId: top!.id, event: 'dismissed' });
    await call('assist.event', { ticketId: 't-1', suggestionId: second!.id, event: 'inserted' });
    const sentEvt = await call<{ editDistance: number }>('assist.event', {
      ticketId: 't-1',
      suggestionId: second!.id,
      event: 'sent',
      finalText: `${second!.text}～`,
    });
    expect(sentEvt.editDistance).toBe(1);
    await call('tickets.reply', { ticketId: 't-1', body: { kind: 'text', text: `${second!.text}～` } });

    // The next similar ticket ranks them differently.
    core.tickets.upsertTicket(trackingTicket('t-2'));
    const next = await call<{ suggestions: Suggestion[] }>('assist.suggestions', {
      ticketId: 't-2',
      limit: 10,
    });
    const scoreIn = (list: Suggestion[], s: Suggestion) => list.find((x) => x.text === s.text)?.score ?? 0;
    expect(scoreIn(next.suggestions, top!)).toBeLessThan(top!.score);
    expect(scoreIn(next.suggestions, second!)).toBeGreaterThan(second!.score);

    const { outcome } = await call<{
      outcome: { suggestionEvents: { event: string; editDistance?: number }[]; marketingEvents: unknown[] };
    }>('tickets.close', {
      ticketId: 't-1',
      resolution: 'resolved',
    });
    expect(outcome.suggestionEvents.map((e) => e.event)).toEqual(
      expect.arrayContaining(['shown', 'dismissed', 'inserted', 'sent']),
    );
    expect(outcome.suggestionEvents.find((e) => e.event === 'sent')?.editDistance).toBe(1);
  });

  it('pushes recomputed suggestions when a customer message arrives', async () => {
    core.tickets.upsertTicket(trackingTicket('t-live'));
    const pushed = new Promise<ApiEvent<'assist.suggestions'>>((resolve) =>
      core.events.subscribe((name, payload) => {
        if (name === 'assist.suggestions') resolve(payload as ApiEvent<'assist.suggestions'>);
      }),
    );
    const message: Message = textMessage('t-live', '我想改一下收货地址，还没发货吧');
    core.tickets.addMessage(message);
    core.events.emit('tickets.message', { ticketId: 't-live', message });
    const event = await pushed;
    expect(event.ticketId).toBe('t-live');
    expect(event.suggestions.length).toBeGreaterThan(0);
  });

  it('marketing.send puts a coupon card in the conversation and the outbox; shown/sent reach the outcome', async () => {
    const t = ticket({
      id: 'presale-1',
      intent: 'product_inquiry',
      sentiment: { label: 'neutral', score: 0.2 },
      orders: [],
    });
    // Answered already: marketing waits for the agent's answer to an open question (issue 13 §4).
    t.messages = [
      textMessage(t.id, '羊毛混纺双面呢大衣还有S码吗'),
      textMessage(t.id, '亲，S码有现货的', { from: 'agent' }),
    ];
    core.tickets.upsertTicket(t);
    const res = await call<{
      recommendations: { id: string; kind: string; reason: string; copy: string }[];
      suppressed: string | null;
    }>('marketing.recommendations', { ticketId: t.id });
    expect(res.suppressed).toBeNull();
    const coupon = res.recommendations.find((r) => r.kind === 'coupon')!;
    expect(coupon.reason).toBeTruthy();
    expect(coupon.copy).toContain('小鹿买买买');

    const before = core.outbox.pendingCount();
    const sent = await call<{ messages: Message[] }>('marketing.send', {
      ticketId: t.id,
      recommendationId: coupon.id,
    });
    expect(sent.messages.map((m) => m.kind)).toEqual(['text', 'coupon_card']);
    expect(core.outbox.pendingCount()).toBe(before + 2);
    const stored = await call<Ticket>('tickets.get', { ticketId: t.id });
    expect(stored.messages.at(-1)).toMatchObject({
      kind: 'coupon_card',
      from: 'agent',
      coupon: { amount: 20, threshold: 199 },
    });

    const { outcome } = await call<{
      outcome: { marketingEvents: { event: string; recommendationId: string }[] };
    }>('tickets.close', { ticketId: t.id, resolution: 'resolved' });
    expect(
      outcome.marketingEvents.filter((e) => e.recommendationId === coupon.id).map((e) => e.event),
    ).toEqual(['shown', 'sent']);
  });

  it('marketing is suppressed during a complaint, with the reason', async () => {
    const t = ticket({
      id: 'complaint-1',
      intent: 'quality_complaint',
      sentiment: { label: 'negative', score: -0.7 },
    });
    core.tickets.upsertTicket(t);
    const res = await call<{ recommendations: unknown[]; suppressed: string }>('marketing.recommendations', {
      ticketId: t.id,
    });
    expect(res.recommendations).toEqual([]);
    expect(res.suppressed).toContain('投诉');
    const refused = await core.router.dispatch('marketing.send', { ticketId: t.id, recommendationId: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('guard.check flags 30天无理由退货 and stays quiet on a correct draft', async () => {
    core.tickets.upsertTicket(ticket({ id: 'g-1', intent: 'return_request' }));
    const bad = await call<{ warnings: { code: string; reason: string }[] }>('guard.check', {
      ticketId: 'g-1',
      draft: '亲，我们支持30天无理由退货的',
    });
    expect(bad.warnings[0]).toMatchObject({ code: 'policy.return_days' });
    expect(bad.warnings[0]!.reason).toContain('7 天');
    const good = await call<{ warnings: unknown[] }>('guard.check', {
      ticketId: 'g-1',
      draft: '亲，签收后7天内支持无理由退货',
    });
    expect(good.warnings).toEqual([]);
  });

  it('macros come filled; LLM drafts are UNAVAILABLE until configured; the key never leaves the core', async () => {
    core.tickets.upsertTicket(trackingTicket('m-1'));
    const macros = await call<{ id: string; text: string; missing: string[] }[]>('assist.macros', {
      ticketId: 'm-1',
    });
    const track = macros.find((m) => m.id === 'track-shipped')!;
    expect(track.missing).toEqual([]);
    expect(track.text).toContain('75312345678901');

    expect(await core.router.dispatch('assist.draft', { ticketId: 'm-1' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    const view = await call<{ llm: Record<string, unknown> }>('settings.set', {
      llm: { enabled: true, baseUrl: 'http://127.0.0.1:1/v1', model: 'qwen', apiKey: 'sk-secret' },
    });
    expect(view.llm).toMatchObject({ enabled: true, hasApiKey: true });
    expect(JSON.stringify(view)).not.toContain('sk-secret');
    expect(JSON.stringify(await call('settings.get', {}))).not.toContain('sk-secret');
    expect(await core.router.dispatch('settings.set', { llm: { baseUrl: 'ftp://x' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('refuses bad input with BAD_REQUEST and unknown tickets with NOT_FOUND', async () => {
    expect(
      await core.router.dispatch('assist.event', { ticketId: 't', suggestionId: 's', event: 'liked' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await core.router.dispatch('guard.check', { ticketId: 'nope', draft: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.router.dispatch('assist.suggestions', { ticketId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
