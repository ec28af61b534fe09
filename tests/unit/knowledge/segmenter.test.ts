import { describe, expect, it } from 'vitest';
import { addWords, cutWords, segment } from '../../../src/main/core/knowledge/segmenter';
import { queryTerms, highlight } from '../../../src/main/core/knowledge/search';

describe('Chinese segmentation with the domain dictionary', () => {
  it('keeps domain words whole', () => {
    expect(cutWords('运费险怎么赔')).toContain('运费险');
    expect(cutWords('支持七天无理由吗')).toContain('七天无理由');
    expect(cutWords('能发顺丰吗')).toContain('顺丰');
  });
  it('drops stopwords and punctuation, folds full-width and case', () => {
    expect(segment('亲，我的ＩＰＨＯＮＥ到了吗？')).toEqual(['iphone', '到了']);
  });
  it('segments a query and a document sentence the same way', () => {
    const doc = segment('退货运费险理赔说明');
    for (const t of segment('运费险理赔')) expect(doc).toContain(t);
  });
  it('keeps unknown words as short segments rather than losing them', () => {
    expect(segment('喵喵旗舰店的猫爬架').join('')).toContain('猫爬架');
  });
  it('learns merchant words', () => {
    addWords(['猫爬架王']);
    expect(cutWords('我买的猫爬架王坏了')).toContain('猫爬架王');
  });
  it('expands synonyms for keyword matching', () => {
    expect(queryTerms('我想退钱').expanded).toContain('退款');
    expect(queryTerms('快递到哪了').expanded).toContain('物流');
  });
  it('highlights matched terms with offsets into the snippet', () => {
    const { snippet, highlights } = highlight('下单时购买了运费险的订单，退货成功后自动理赔。', ['运费险', '理赔']);
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['运费险', '理赔']);
  });
});
