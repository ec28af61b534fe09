import { describe, expect, it } from 'vitest';
import {
  SENTENCE_ORD,
  chunkDocument,
  isSentenceOrd,
  sentenceUnits,
} from '../../../src/main/core/knowledge/chunker';

describe('chunker: passages and sentences', () => {
  const body = [
    '## 适用条件',
    '- 自**签收次日起 7 天内**（含第 7 天），可申请七天无理由退货。',
    '- 商品需保持完好。',
    '',
    '| 支付方式 | 到账时间 |',
    '| --- | --- |',
    '| 信用卡 | 1–7 个工作日 |',
  ].join('\n');

  it('reads each line as a plain sentence, a table row with its column names', () => {
    expect(sentenceUnits(body)).toEqual([
      '适用条件',
      '自签收次日起 7 天内（含第 7 天），可申请七天无理由退货。',
      '商品需保持完好。',
      '支付方式 信用卡：到账时间 1–7 个工作日',
    ]);
  });

  it('gives passages ords from 0 and sentences ords from SENTENCE_ORD, each with its own hash', () => {
    const chunks = chunkDocument('七天无理由退货规则', body);
    const passages = chunks.filter((c) => !isSentenceOrd(c.ord));
    const sentences = chunks.filter((c) => isSentenceOrd(c.ord));
    expect(passages.map((c) => c.ord)).toEqual([0]);
    expect(passages[0]!.text).toContain('| 信用卡 |');
    expect(sentences.map((c) => c.ord)).toEqual([0, 1, 2, 3].map((i) => SENTENCE_ORD + i));
    expect(new Set(chunks.map((c) => c.hash)).size).toBe(chunks.length);
  });

  it('starts a new passage at every heading, so a passage is about one section', () => {
    const sections = [
      '## 适用条件',
      '- 自签收次日起 7 天内可申请。',
      '## 运费',
      '- 无理由退货的退回运费由买家承担。',
      '',
      '如订单已购买运费险，按运费险规则理赔。',
    ].join('\n');
    const passages = chunkDocument('七天无理由退货规则', sections).filter((c) => !isSentenceOrd(c.ord));
    expect(passages.map((c) => c.text)).toEqual([
      '## 适用条件\n- 自签收次日起 7 天内可申请。',
      '## 运费\n- 无理由退货的退回运费由买家承担。\n如订单已购买运费险，按运费险规则理赔。',
    ]);
  });

  it('adds no sentence chunk to a one-line document (it would repeat the passage)', () => {
    expect(chunkDocument('发货', '付款后 48 小时内发货。')).toHaveLength(1);
  });
});
