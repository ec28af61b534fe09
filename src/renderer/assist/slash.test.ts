import { describe, expect, it } from 'vitest';
import type { FilledMacroDto } from '../../shared/assist-api';
import { applySlash, matchMacros, slashQuery } from './slash';

const macro = (id: string, title: string, over: Partial<FilledMacroDto> = {}): FilledMacroDto => ({
  id,
  title,
  category: '售后',
  text: `${title}的话术`,
  missing: [],
  matchesIntent: false,
  ...over,
});

describe('slash quick phrases', () => {
  it('finds the /word at the caret only where a word starts', () => {
    expect(slashQuery('/退货', 3)).toEqual({ start: 0, query: '退货' });
    expect(slashQuery('亲，稍等 /物流', 8)).toEqual({ start: 5, query: '物流' });
    expect(slashQuery('第一行\n/', 5)).toEqual({ start: 4, query: '' });
    expect(slashQuery('尺码 1/2', 6)).toBeNull(); // a fraction
    expect(slashQuery('http://x.cn/a', 13)).toBeNull();
    expect(slashQuery('/退货 已经', 6)).toBeNull(); // the caret left the word
    expect(slashQuery('／退款', 3)).toEqual({ start: 0, query: '退款' }); // full-width slash from a Chinese IME
  });

  it('ranks title prefix over title, category and text, and the ticket’s intent first on ties', () => {
    const list = [
      macro('a', '催发货', { text: '已为您催促仓库' }),
      macro('b', '退货地址', { category: '退货' }),
      macro('c', '七天无理由退货'),
      macro('d', '物流停滞', { text: '如需退货请联系' }),
      macro('e', '退货运费', { matchesIntent: true }),
    ];
    expect(matchMacros(list, '退货').map((m) => m.id)).toEqual(['e', 'b', 'c', 'd']);
    expect(matchMacros(list, '').map((m) => m.id)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(matchMacros(list, '不存在')).toEqual([]);
  });

  it('replaces the /query with the phrase and puts the caret after it', () => {
    expect(applySlash('亲 /退货 谢谢', { start: 2, query: '退货' }, '七天无理由')).toEqual({
      value: '亲 七天无理由 谢谢',
      caret: 7,
    });
  });
});
