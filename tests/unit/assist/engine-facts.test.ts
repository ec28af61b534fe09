// Issue 9 §4: suggestions that fit the ticket. Every candidate is checked like a draft against the
// ticket's facts and the policy before it is shown, so a suggestion the app offers is never one the
// pre-send guard stops; the query is the customer's substantive question; a closing line after thanks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssistStore } from '../../../src/main/core/assist/assist-store';
import { AssistEngine, type KnowledgeSearch } from '../../../src/main/core/assist/engine';
import { loadMacros } from '../../../src/main/core/assist/macros';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { checkDraft } from '../../../src/main/core/guard/guard';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { TicketFactory } from '../../../src/simulator/factory';
import type { Intent, Order, Ticket } from '../../../src/shared/domain';
import { textMessage, ticket } from '../../support/fixtures';

const policy = loadPolicy();
const macros = loadMacros();
let db: Db;
let tickets: TicketStore;
const engineWith = (knowledge?: KnowledgeSearch) =>
  new AssistEngine({
    store: new AssistStore(db),
    tickets,
    macros,
    policy,
    knowledge: () => knowledge,
    agentName: () => '小美',
  });

beforeEach(() => {
  db = openDatabase(':memory:');
  tickets = new TicketStore(db);
});
afterEach(() => db.close());

const order = (status: Order['status']): Order => ({
  id: 'O-1',
  customerId: 'c',
  status,
  items: [{ productId: 'p', title: '法式碎花雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: Date.now() - 12 * 86_400_000,
  carrier: '中通快递',
  trackingNo: '75300000000001',
});

describe('suggestions fit the ticket', () => {
  it('drops "您的订单仍在7天无理由退货期内" on a ticket escalated for being past the window, and says why', async () => {
    const t = ticket({
      id: 'T',
      intent: 'return_request',
      orders: [order('delivered')],
      escalationReason: '超出7天无理由期限，需人工判断',
      messages: [textMessage('T', '衣服不喜欢想退货'), textMessage('T', '已经第8天了，能不能通融一下')],
      suggestions: [
        {
          id: 'up-in',
          text: '亲，您的订单仍在7天无理由退货期内，可直接在订单页申请退货。',
          source: 'upstream_ai',
          score: 0.95,
          reason: '',
        },
        {
          id: 'up-ok',
          text: '亲，已超过7天无理由退货期，如有质量问题我们可以为您处理。',
          source: 'upstream_ai',
          score: 0.6,
          reason: '',
        },
      ],
    });
    tickets.upsertTicket(t);
    const r = await engineWith().suggest(t.id, 10);
    const ids = r.suggestions.map((s) => s.id);
    expect(ids).not.toContain('up-in');
    expect(ids).toContain('up-ok');
    expect(r.notes.join()).toMatch(/与工单事实或政策不符.*不能说仍在期内/);
  });

  it('drops a request for photos the customer already sent and "已为您修改收货信息" when nothing changed', async () => {
    const t = ticket({
      id: 'T',
      intent: 'damaged_package',
      orders: [order('delivered')],
      messages: [
        textMessage('T', '快递到了外箱全压坏了'),
        {
          id: 'img',
          ticketId: 'T',
          from: 'customer',
          at: Date.now(),
          kind: 'image',
          url: 'data:,',
          caption: '外箱破损',
        },
      ],
      suggestions: [
        {
          id: 'up-addr',
          text: '已为您修改收货信息，请在订单详情确认。',
          source: 'upstream_ai',
          score: 0.9,
          reason: '',
        },
        {
          id: 'up-seen',
          text: '看到照片了，非常抱歉，我们马上为您补发一件。',
          source: 'upstream_ai',
          score: 0.6,
          reason: '',
        },
      ],
    });
    tickets.upsertTicket(t);
    const r = await engineWith().suggest(t.id, 10);
    const ids = r.suggestions.map((s) => s.id);
    expect(ids).not.toContain('up-addr');
    expect(ids).not.toContain('macro-damaged-photo'); // "麻烦您拍一下外包装和商品破损处的照片"
    expect(ids).toContain('up-seen');
  });

  it('asks the knowledge base the substantive question, not the nudge after it', async () => {
    const asked: string[] = [];
    const kb: KnowledgeSearch = {
      search: async (q) => {
        asked.push(q);
        return { hits: [] };
      },
    };
    const t = ticket({
      id: 'T',
      messages: [textMessage('T', '乳胶枕能机洗吗'), textMessage('T', '在吗?'), textMessage('T', '？？？')],
    });
    tickets.upsertTicket(t);
    await engineWith(kb).suggest(t.id);
    expect(asked).toEqual(['乳胶枕能机洗吗']);
  });

  it('offers a closing line first after "好的，谢谢"', async () => {
    const t = ticket({
      id: 'T',
      intent: 'tracking',
      orders: [order('shipped')],
      messages: [
        textMessage('T', '快递到哪了'),
        textMessage('T', '已经到您所在城市了，预计今天派送', { from: 'agent' }),
        textMessage('T', '好的，谢谢'),
      ],
    });
    tickets.upsertTicket(t);
    const r = await engineWith().suggest(t.id, 3);
    expect(r.suggestions[0]).toMatchObject({ id: 'macro-close-thanks', source: 'macro' });
    expect(r.suggestions[0]!.reason).toContain('客户在结束对话');
  });

  it('on simulator tickets of eight intents, no suggestion shown is one the pre-send guard would warn about', async () => {
    const intents: Intent[] = [
      'return_request',
      'address_change',
      'size_advice',
      'tracking',
      'fake_goods',
      'damaged_package',
      'order_cancel',
      'refund_progress',
    ];
    const f = new TicketFactory(11, { media: false });
    const engine = engineWith();
    let shown = 0;
    for (const intent of intents)
      for (let i = 0; i < 3; i++) {
        const t: Ticket = f.next(Date.now(), intent).ticket;
        tickets.upsertTicket(t);
        const r = await engine.suggest(t.id, 3);
        for (const s of r.suggestions) {
          shown++;
          const w = checkDraft(
            { ticket: t, draft: s.text, agent: { id: 'a', name: '小美', role: 'agent' } },
            policy,
            null,
          );
          expect(w, `${intent}: ${s.text}`).toEqual([]);
        }
      }
    expect(shown).toBeGreaterThan(40);
  });
});

describe('the knowledge query', () => {
  it('leaves out the names of the ordered products, unless little would be left', async () => {
    const { withoutProductNames } = await import('../../../src/main/core/assist/engine');
    const t = { orders: [order('delivered')] };
    expect(withoutProductNames('收到的法式碎花雪纺连衣裙尺码不对，能退吗', t)).toBe('收到的尺码不对，能退吗');
    expect(withoutProductNames('法式碎花雪纺连衣裙', t)).toBe('法式碎花雪纺连衣裙');
  });
});
