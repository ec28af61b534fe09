import { describe, expect, it } from 'vitest';
import { replyFromSnippet, stripMarkdown } from '../../../src/shared/plain-text';

describe('plain text for replies', () => {
  it('drops a clause cut at the front and ends on a full sentence', () => {
    expect(replyFromSnippet('…内（含第 7 天），可申请七天无理由退货。运费由买家承担。超过期限的…')).toBe(
      '可申请七天无理由退货。运费由买家承担。',
    );
  });

  it('leaves a whole passage alone apart from Markdown', () => {
    expect(replyFromSnippet('## 运费\n- **顺丰**包邮')).toBe('运费 顺丰包邮');
    expect(stripMarkdown('[物流查询](https://example.com)')).toBe('物流查询');
  });
});

describe('one-line snippets', () => {
  it('drop list markers that follow a sentence, keep a dash inside one', () => {
    expect(stripMarkdown('超时按平台规则赔付； - 尺码拿不准可以先咨询')).toBe('超时按平台规则赔付；尺码拿不准可以先咨询');
    expect(stripMarkdown('运费 - 无理由退货')).toBe('运费 - 无理由退货');
  });
});

describe('tables in snippets', () => {
  it('drop the header separator row, keep the cells', () => {
    expect(stripMarkdown('| 支付方式 | 商家同意后到账时间 |\n| --- | :---: |\n| 余额 | 即时 |').replace(/\s+/g, ' ').trim()).toBe(
      '支付方式 商家同意后到账时间 余额 即时',
    );
    expect(stripMarkdown('支付方式 商家同意后到账时间 --- --- 账户余额 实时')).toBe('支付方式 商家同意后到账时间 账户余额 实时');
  });
});
