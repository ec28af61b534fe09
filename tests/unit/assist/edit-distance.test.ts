import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, editRatio } from '../../../src/main/core/assist/edit-distance';

describe('editDistance (Levenshtein over characters)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['您好，请稍等', '您好，请稍等', 0],
    ['您好，请稍等', '您好，麻烦稍等', 2],
    ['亲，七天无理由退货', '亲，7天无理由退换货', 2],
    ['😀ab', 'ab', 1],
  ])('%s → %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is a metric bounded by the longer length', () => {
    const s = fc.string({ unit: fc.constantFrom('亲', '您', '好', 'a', 'b', '，', '1') , maxLength: 12 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        const ab = editDistance(a, b);
        expect(ab).toBe(editDistance(b, a));
        expect(ab).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
        expect(ab).toBeGreaterThanOrEqual(Math.abs([...a].length - [...b].length));
        expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c));
        expect(ab === 0).toBe(a === b);
      }),
    );
  });

  it('editRatio is 0 for an unchanged reply and 1 for a full rewrite', () => {
    expect(editRatio('好的', '好的')).toBe(0);
    expect(editRatio('好的', '不行')).toBe(1);
    expect(editRatio('您好请稍等', '您好请等')).toBeCloseTo(0.2);
  });
});
