import { describe, expect, it } from 'vitest';
import { normalizeDurations, searchText } from '../../../src/main/core/knowledge/query-text';
import { chineseNumber } from '../../../src/shared/chinese-number';

describe('query text: durations in words become the digits policies use', () => {
  it('reads Chinese numerals below 100', () => {
    expect(['五', '十', '十五', '二十', '二十三', '两', '俩', '7'].map(chineseNumber)).toEqual([
      5, 10, 15, 20, 23, 2, 2, 7,
    ]);
    expect(chineseNumber('几')).toBeNull();
    expect(chineseNumber('五五')).toBeNull();
  });

  it('turns weeks, half months and counted days into days, hours into hours', () => {
    expect(normalizeDurations('东西到了一个礼拜还能退不')).toBe('东西到了7天还能退不');
    expect(normalizeDurations('两周了还没到')).toBe('14天了还没到');
    expect(normalizeDurations('耳机坏了 才买了半个月')).toBe('耳机坏了 才买了15天');
    expect(normalizeDurations('买了快一个月了')).toBe('买了快30天了');
    expect(normalizeDurations('收到都十来天了')).toBe('收到都10多天了');
    expect(normalizeDurations('买了二十天了坏了')).toBe('买了20天了坏了');
    expect(normalizeDurations('等了三个小时')).toBe('等了3小时');
  });

  it('leaves dates, weekdays, vague counts and digits alone', () => {
    for (const t of ['五月一号发货', '周五能到吗', '好几天了', '说好24小时发的', '7天无理由'])
      expect(normalizeDurations(t)).toBe(t);
  });

  it('is what search reads', () => {
    expect(searchText('一个星期没更新了')).toBe('7天没更新了');
  });
});
