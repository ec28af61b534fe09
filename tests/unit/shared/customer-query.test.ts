// The customer's substantive question: nudges, greetings and thanks are not what to look up.
import { describe, expect, it } from 'vitest';
import { customerQuery, isClosing, isNudge, substantiveQuery } from '../../../src/shared/customer-query';

const c = (text: string) => ({ from: 'customer', kind: 'text' as const, text });
const a = (text: string) => ({ from: 'agent', kind: 'text' as const, text });

describe('customerQuery', () => {
  it('skips nudges after the question and joins the last substantive turns', () => {
    const q = customerQuery([c('我买的乳胶枕'), c('能机洗吗'), c('在吗?'), c('？？？'), c('人呢')]);
    expect(q.query).toBe('我买的乳胶枕\n能机洗吗');
    expect(q.waiting).toBe(true);
    expect(q.closing).toBe(false);
  });

  it('reads voice transcripts and ignores images and system lines', () => {
    const q = substantiveQuery([
      { from: 'customer', kind: 'voice', transcript: '快递三天没动了' },
      { from: 'customer', kind: 'image' },
      { from: 'system', kind: 'system', text: '机器人转人工' },
      c('有人吗，等了好久了'),
    ]);
    expect(q).toBe('快递三天没动了');
  });

  it('after an answer, only the new question counts', () => {
    expect(substantiveQuery([c('发什么快递'), a('默认中通哦'), c('那运费险有吗'), c('在吗')])).toBe(
      '那运费险有吗',
    );
  });

  it('flags a closing turn and keeps the answered question as the query', () => {
    const q = customerQuery([c('退款多久到账'), a('一般1-3个工作日'), c('好的，谢谢')]);
    expect(q.closing).toBe(true);
    expect(q.query).toBe('退款多久到账');
  });

  it('tells nudges, closers and questions apart', () => {
    for (const t of ['在吗?', '？？？', '人呢', '有人吗，等了好久了', '您好', '  '])
      expect(isNudge(t), t).toBe(true);
    for (const t of ['好的，谢谢', '嗯嗯，收到，谢谢客服～', '行吧，那就这样，麻烦你了', '好，我等你们消息'])
      expect(isClosing(t), t).toBe(true);
    for (const t of ['东西到了一个礼拜还能退不', '好的，那退货地址发我一下', '在吗，快递到哪了'])
      expect(isNudge(t) || isClosing(t), t).toBe(false);
  });
});
