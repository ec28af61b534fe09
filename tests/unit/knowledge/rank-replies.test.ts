import { describe, expect, it } from 'vitest';
import { rankReplies, type ConversationTurn } from '../../../src/main/core/assist/rank-replies';
import { Embedder } from '../../../src/main/core/knowledge/embedder';
import { defaultModelDir } from '../../../src/main/core/knowledge/model';

const convo: ConversationTurn[] = [
  { from: 'customer', text: '你好，我上周买的外套' },
  { from: 'agent', text: '亲，您好，请问有什么可以帮您？' },
  { from: 'customer', text: '我想退钱，衣服洗了一次就掉色了' },
];
const candidates = [
  { id: 'coupon', text: '亲，店铺首页可以领满200减20的优惠券哦', source: 'macro' as const },
  { id: 'refund', text: '非常抱歉，掉色属于质量问题，可以为您办理退货退款，运费由我们承担', source: 'knowledge' as const },
  { id: 'ship', text: '现货订单48小时内发货', source: 'history' as const },
];

describe('rankReplies', () => {
  it('ranks the reply that answers the conversation first, with a reason and a 0..1 score', async () => {
    const ranked = await rankReplies(convo, candidates);
    expect(ranked[0]!.id).toBe('refund');
    expect(ranked[0]!.reason).toMatch(/掉色/);
    for (const s of ranked) expect(s.score).toBeGreaterThanOrEqual(0);
    for (const s of ranked) expect(s.score).toBeLessThanOrEqual(1);
  });

  it('uses embeddings: a paraphrase with no shared words still wins over an unrelated reply', async () => {
    const e = new Embedder({ source: { kind: 'local', dir: defaultModelDir() } });
    try {
      await e.ready();
      const turns: ConversationTurn[] = [{ from: 'customer', text: '快递一直不动' }];
      const cands = [
        { id: 'a', text: '发票可以开专票', source: 'macro' as const },
        { id: 'b', text: '物流停更我们马上联系承运商核实', source: 'knowledge' as const },
      ];
      const ranked = await rankReplies(turns, cands, { embed: (t) => e.embedPassages(t), keepStopwords: false });
      expect(ranked.map((r) => r.id)).toEqual(['b', 'a']);
      expect(ranked[0]!.reason).toMatch(/语义相似度/);
    } finally {
      await e.close();
    }
  });

  it('lets a strong prior (upstream AI confidence) decide between equally relevant replies', async () => {
    const turns: ConversationTurn[] = [{ from: 'customer', text: '什么时候发货' }];
    const cands = [
      { id: 'low', text: '我们会尽快发货', source: 'history' as const, prior: 0.1 },
      { id: 'high', text: '我们会尽快发货的', source: 'upstream_ai' as const, prior: 0.95 },
    ];
    const ranked = await rankReplies(turns, cands);
    expect(ranked[0]!.id).toBe('high');
    expect(ranked[0]!.reason).toMatch(/来源置信度 0\.95/);
    expect(await rankReplies(turns, [])).toEqual([]);
  });
});

describe('rankReplies: fusion of the lexical and semantic signals', () => {
  // Hand-made unit vectors (an edge mock of the embedder): candidate "paraphrase" is semantically
  // much closer to the customer's turn, candidate "echo" shares its words.
  const unit = (x: number, y: number) => {
    const n = Math.hypot(x, y);
    return Float32Array.from([x / n, y / n]);
  };
  const turns: ConversationTurn[] = [{ from: 'customer', text: '快递 一直 不动 怎么 回事' }];
  const cands = [
    { id: 'echo', text: '快递 一直 不动 的话 可以 等等', source: 'history' as const },
    { id: 'paraphrase', text: '物流 停更 我们 马上 联系 网点', source: 'history' as const },
  ];
  const vectors: Record<string, Float32Array> = {
    [cands[0]!.text]: unit(0.2, 1),
    [cands[1]!.text]: unit(1, 0.05),
  };
  const embed = async (texts: string[]) => texts.map((t) => vectors[t] ?? unit(1, 0));

  it('by rank (passage vectors only) two disagreeing signals tie and lexical decides', async () => {
    const ranked = await rankReplies(turns, cands, { embed });
    expect(ranked[0]!.id).toBe('echo');
  });

  it('linearly (with query-side vectors) a large semantic margin outvotes a smaller lexical one', async () => {
    const ranked = await rankReplies(turns, cands, { embed, embedQueries: embed });
    expect(ranked[0]!.id).toBe('paraphrase');
    expect(await rankReplies(turns, cands, { embed, embedQueries: embed, fusion: 'rank' })).toMatchObject([
      { id: 'echo' },
      { id: 'paraphrase' },
    ]);
  });
});
