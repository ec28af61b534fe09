import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, Ticket } from '../../../src/shared/domain';
import { AssistStore } from '../../../src/main/core/assist/assist-store';
import { AssistEngine, type KnowledgeSearch } from '../../../src/main/core/assist/engine';
import { loadMacros } from '../../../src/main/core/assist/macros';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { textMessage, ticket } from '../../support/fixtures';

const policy = loadPolicy();
const macros = loadMacros();
const order = (id: string, trackingNo: string): Order => ({
  id,
  customerId: 'c',
  status: 'shipped',
  items: [{ productId: 'p-1001', title: '法式碎花雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: 1,
  carrier: '中通快递',
  trackingNo,
});
const kbReturning = (hits: Awaited<ReturnType<KnowledgeSearch['search']>>['hits'], delayMs = 0): KnowledgeSearch => ({
  search: () => new Promise((r) => setTimeout(() => r({ hits }), delayMs)),
});
const trackingTicket = (over: Partial<Ticket> = {}) => {
  const t = ticket({ intent: 'tracking', orders: [order('O-CUR-1', '75300000000001')], ...over });
  t.messages = [textMessage(t.id, '我的快递三天没动了，物流一直不更新，到底到哪了')];
  return t;
};

let db: Db;
let tickets: TicketStore;
let store: AssistStore;
const engineWith = (knowledge?: KnowledgeSearch, budget?: number) =>
  new AssistEngine({ store, tickets, macros, policy, knowledge: () => knowledge, agentName: () => '小美', knowledgeBudgetMs: budget });

beforeEach(() => {
  db = openDatabase(':memory:');
  tickets = new TicketStore(db);
  store = new AssistStore(db);
});
afterEach(() => db.close());

describe('assist engine: merge and rank', () => {
  it('merges upstream, knowledge, macro and history suggestions, ranked, each with source and reason', async () => {
    // A past ticket with the same intent, resolved, whose reply mentions its own customer and order.
    const past = ticket({ intent: 'tracking', orders: [order('O-PAST-9', '75399999999999')] });
    past.customer = { ...past.customer, nickname: '老张爱购物', name: '张伟' };
    past.messages = [
      textMessage(past.id, '快递好几天没动了，物流不更新'),
      textMessage(past.id, '老张爱购物您好，已为您联系中通网点催件，运单75399999999999今天会更新，请放心', { from: 'agent' }),
    ];
    tickets.upsertTicket(past);
    tickets.setStatus(past.id, 'resolved');

    const t = trackingTicket({
      suggestions: [{ id: 'up-1', text: '您好，您的包裹正在运输途中，请耐心等待。', source: 'upstream_ai', score: 0.62, reason: '物流智能体' }],
    });
    tickets.upsertTicket(t);
    const kb = kbReturning([{ docId: 'kb-logistics-1', title: '物流停滞处理规范', snippet: '物流超过48小时未更新，客服应联系快递网点催件，并在24小时内回复顾客进展。', score: 0.8, tier: 'merchant' }]);
    const res = await engineWith(kb).suggest(t.id, 10);

    const sources = new Set(res.suggestions.map((s) => s.source));
    expect(sources).toEqual(new Set(['upstream_ai', 'knowledge', 'macro', 'history']));
    for (const s of res.suggestions) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.reason.length).toBeGreaterThan(5);
    }
    expect(res.suggestions.map((s) => s.score)).toEqual([...res.suggestions.map((s) => s.score)].sort((a, b) => b - a));
    expect(res.suggestions.find((s) => s.source === 'knowledge')!.reason).toContain('《物流停滞处理规范》');
    expect(res.suggestions.find((s) => s.source === 'upstream_ai')!.reason).toContain('上游AI置信度 62%');

    // History is de-personalised: this customer's nickname and order, never the other customer's.
    const hist = res.suggestions.find((s) => s.source === 'history')!;
    expect(hist.text).toContain('小鹿买买买');
    expect(hist.text).toContain('75300000000001');
    expect(hist.text).not.toMatch(/老张|张伟|75399999999999/);
    expect(hist.reason).toContain('已解决 1 次');

    // A macro whose variables the ticket fills (tracking number …) appears filled.
    const macro = res.suggestions.find((s) => s.source === 'macro')!;
    expect(macro.text).not.toContain('【');
  });

  it('drops a past reply that would leak data it cannot replace', async () => {
    const past = ticket({ intent: 'tracking' });
    past.messages = [textMessage(past.id, '快递三天没动了物流不更新'), textMessage(past.id, '已登记，回访电话13912345678，请留意来电', { from: 'agent' })];
    tickets.upsertTicket(past);
    tickets.setStatus(past.id, 'resolved');
    const t = trackingTicket();
    tickets.upsertTicket(t);
    const res = await engineWith().suggest(t.id, 10);
    expect(res.suggestions.some((s) => s.text.includes('13912345678'))).toBe(false);
  });

  it('merges a knowledge answer identical to the upstream one and says both proposed it', async () => {
    const text = '物流超过48小时未更新，我们会联系快递网点催件，24小时内回复您。';
    const t = trackingTicket({ suggestions: [{ id: 'up-1', text, source: 'upstream_ai', score: 0.9, reason: '' }] });
    tickets.upsertTicket(t);
    const res = await engineWith(kbReturning([{ docId: 'd', title: '物流', snippet: text, score: 0.5, tier: 'general' }])).suggest(t.id, 10);
    const same = res.suggestions.filter((s) => s.text === text);
    expect(same).toHaveLength(1);
    expect(same[0]!.reason).toContain('同时来自知识库');
  });

  it('leaves out a knowledge base slower than the budget and says so', async () => {
    const t = trackingTicket();
    tickets.upsertTicket(t);
    const res = await engineWith(kbReturning([{ docId: 'd', title: 'x', snippet: '慢的答案', score: 1, tier: 'general' }], 200), 20).suggest(t.id);
    expect(res.notes.join()).toContain('超过 20ms');
    expect(res.suggestions.some((s) => s.source === 'knowledge')).toBe(false);
    expect(res.suggestions.length).toBeGreaterThan(0);
  });
});

describe('assist engine: learning from use', () => {
  const scoreOf = async (engine: AssistEngine, id: string) => {
    const t = trackingTicket({
      suggestions: [{ id: 'up-1', text: '您好，包裹正在运输中，物流信息更新可能有延迟，请您耐心等待。', source: 'upstream_ai', score: 0.7, reason: '' }],
    });
    tickets.upsertTicket(t);
    const res = await engine.suggest(t.id, 20);
    return { ticketId: t.id, score: res.suggestions.find((s) => s.id === id)?.score, rank: res.suggestions.findIndex((s) => s.id === id), all: res.suggestions };
  };

  it('a suggestion the team keeps dismissing falls; one sent as-is rises', async () => {
    const engine = engineWith();
    const before = await scoreOf(engine, 'macro-track-stuck');
    const macroIds = before.all.filter((s) => s.source === 'macro').map((s) => s.id);
    expect(macroIds).toContain('macro-track-stuck');
    const other = macroIds.find((id) => id !== 'macro-track-stuck')!;
    const otherBefore = before.all.find((s) => s.id === other)!.score;

    for (let i = 0; i < 8; i++) {
      const { ticketId, all } = await scoreOf(engine, 'macro-track-stuck');
      engine.record(ticketId, 'macro-track-stuck', 'dismissed');
      const sent = all.find((s) => s.id === other)!;
      engine.record(ticketId, other, 'inserted');
      engine.record(ticketId, other, 'sent', sent.text);
    }
    const after = await scoreOf(engine, 'macro-track-stuck');
    expect(after.score!).toBeLessThan(before.score!);
    expect(after.rank).toBeGreaterThan(before.rank);
    expect(after.all.find((s) => s.id === other)!.score).toBeGreaterThan(otherBefore);
    expect(after.all.find((s) => s.id === 'macro-track-stuck')!.reason).toMatch(/采纳率估计 \d+%/);
  });

  it('a heavily edited send earns less than an unedited one', async () => {
    const a = engineWith();
    const first = await scoreOf(a, 'macro-track-stuck');
    a.record(first.ticketId, 'macro-track-stuck', 'sent', '好的');
    const edited = (await scoreOf(a, 'macro-track-stuck')).score!;

    db.close();
    db = openDatabase(':memory:');
    tickets = new TicketStore(db);
    store = new AssistStore(db);
    const b = engineWith();
    const firstB = await scoreOf(b, 'macro-track-stuck');
    b.record(firstB.ticketId, 'macro-track-stuck', 'sent', firstB.all.find((s) => s.id === 'macro-track-stuck')!.text);
    const unedited = (await scoreOf(b, 'macro-track-stuck')).score!;
    expect(unedited).toBeGreaterThan(edited);
  });

  it('records events with edit distance, shown once, and hides dismissed suggestions on that ticket', async () => {
    const engine = engineWith();
    const { ticketId, all } = await scoreOf(engine, 'macro-track-stuck');
    const s = all[0]!;
    const e = engine.record(ticketId, s.id, 'sent', `${s.text}谢谢`);
    expect(e.editDistance).toBe(2);
    engine.record(ticketId, all[1]!.id, 'dismissed');
    const kinds = engine.events(ticketId).map((x) => `${x.suggestionId}:${x.event}`);
    expect(kinds.filter((k) => k === `${s.id}:shown`)).toHaveLength(1);
    expect(kinds).toContain(`${s.id}:sent`);
    const again = await engine.suggest(ticketId, 20);
    expect(again.suggestions.map((x) => x.id)).not.toContain(all[1]!.id);
    expect(again.suggestions.map((x) => x.id)).not.toContain(s.id);
    expect(() => engine.record(ticketId, 'nope', 'sent')).toThrow(/never shown/);
  });
});
