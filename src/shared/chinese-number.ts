// Small counts as customers write them ("五", "十五", "二十三", "两", or digits): the pre-send fact
// checks read "已经第8天了" / "收到十天了" with it, and knowledge search turns "一个礼拜" into digits.

const DIGIT: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "五" → 5, "十" → 10, "二十" → 20, "十五" → 15, "二十三" → 23; null when not a plain numeral below 100. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两俩三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  if (!m[2]) return m[3] ? null : DIGIT[m[1]!]!;
  return (m[1] ? DIGIT[m[1]]! : 1) * 10 + (m[3] ? DIGIT[m[3]]! : 0);
}
