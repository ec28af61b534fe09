// Knowledge answers are whole sentences said to the customer: no raw table rows (a row is read with
// its column names), list fragments, lead-ins to a list, cut-off snippets or lines written for the agent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerSentences, chooseAnswers } from '../../../src/main/core/assist/knowledge-answer';

const seed = (rel: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'kb-seed', rel), 'utf8');

const TABLE_DOC = `退款到账时间按支付方式不同：

| 支付方式 | 商家同意后到账时间 |
| --- | --- |
| 余额 | 即时 |
| 银行卡 | 1-3 个工作日 |

## 说明
- 信用卡退款以发卡行入账为准；
- 客户问「为什么还没到」时需耐心解释，不得承诺「24 小时内到账」。
- 退货退款：见《退货流程》。
`;

describe('knowledge answers', () => {
  it('cuts a document into sentences a customer may read', () => {
    const s = answerSentences(TABLE_DOC).map((x) => x.text);
    expect(s).toEqual([
      '支付方式 余额：商家同意后到账时间 即时。',
      '支付方式 银行卡：商家同意后到账时间 1-3 个工作日。',
      '信用卡退款以发卡行入账为准。',
    ]);
    for (const x of s) expect(x).not.toMatch(/---|\||^#|坐席|不得承诺|见《/);
  });

  it('drops lines that speak about the customer to the agent, and speaks to the customer', () => {
    const s = answerSentences(
      '- 请客户先查看快递柜和驿站；\n- 不要在核实前指责客户「已签收就是收到了」。\n- 客户对价格有疑问时，逐项给客户算一遍。\n- 提醒客户：退货时不要寄到付。',
    ).map((x) => x.text);
    expect(s).toEqual(['请您先查看快递柜和驿站。', '退货时不要寄到付。']);
  });

  it('prefers the table row naming the code or number the customer typed', async () => {
    const body = '| 快递 | 单号 |\n| --- | --- |\n| 圆通速递 | YT 开头 |\n| 极兔速递 | JT 开头 |';
    const [a] = await chooseAnswers('单号JT开头的是啥快递', [{ body }]);
    expect(a!.text).toContain('极兔');
  });

  it('every sentence of the seed knowledge base ends as a sentence and carries no Markdown', () => {
    for (const rel of [
      'general/returns-refund-methods.md',
      'general/policy-refund-timeline.md',
      'industry/home-textile.md',
    ])
      for (const { text } of answerSentences(seed(rel))) {
        expect(text).toMatch(/[。！？!?]$/);
        expect(text).not.toMatch(/\*\*|\||^-\s|^#/);
      }
  });

  it('picks the sentence that answers the question (words, without a model)', async () => {
    const [a] = await chooseAnswers('四件套第一次洗掉色正常吗', [{ body: seed('industry/home-textile.md') }]);
    expect(a!.text).toContain('四件套首次洗涤建议冷水、单独洗');
    expect(a!.by).toBe('overlap');
  });

  it('keeps advice addressed to the customer, drops case headings and lines for the agent; closes gaps left by markup', () => {
    const s = answerSentences(
      '- 会员日当天积分 **双倍**累计；\n\n提醒客户：退货时不要寄到付，写明订单号。\n\n未发货订单，买家申请取消。\n\n花呗额度不足时需客户自行在支付宝查看。',
    ).map((x) => x.text);
    expect(s).toEqual(['会员日当天积分双倍累计。', '退货时不要寄到付，写明订单号。']);
  });

  it('with a model, relevance is measured above small talk, so unrelated sentences score near 0', async () => {
    // A toy embedder: one dimension per topic word, so the arithmetic is visible.
    const topics = ['退款', '洗', '尺码'];
    const embed = async (texts: string[]) =>
      texts.map((t) => Float32Array.from([...topics.map((w) => (t.includes(w) ? 1 : 0)), 0.3]));
    const [a] = await chooseAnswers(
      '退款多久到账',
      [{ body: '退款会原路退回。\n\n枕头可以放进洗衣机清洗。' }],
      embed,
    );
    expect(a).toMatchObject({ text: '退款会原路退回。', by: 'embedding' });
    expect(a!.relevance).toBeGreaterThan(0.6);
    const [b] = await chooseAnswers('退款多久到账', [{ body: '枕头可以放进洗衣机清洗。' }], embed);
    expect(b!.relevance).toBeLessThan(0.2);
  });
});
