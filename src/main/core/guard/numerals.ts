// Numbers and durations as agents type them in Chinese: Arabic (30, ３０, 1.5), Chinese numerals
// (三十, 两, 十五, 一百二十, 二十五), decimals for 折 (八五折 = 8.5, 七五折 = 7.5), and durations
// (一个月 = 30 天, 两周 = 14 天, 半个月 = 15 天, 一年 = 365 天).

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10_000 };

/** A regex fragment matching one number in any of the supported spellings. */
export const NUM =
  '(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万]+)';

function toAscii(s: string): string {
  return s.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Parses one number; undefined when the text is not a number. */
export function parseNumber(text: string): number | undefined {
  const s = toAscii(text.trim());
  if (!s) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (!/^[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万]+$/.test(s)) return undefined;
  // Pure digit strings read digit by digit: 二五 = 25 (rare), 三零 = 30.
  if ([...s].every((c) => c in DIGITS)) return Number([...s].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c]!;
    else {
      const unit = UNITS[c]!;
      if (unit === 10_000) {
        section = (section + (digit ?? 0)) * unit;
        total += section;
        section = 0;
      } else section += (digit ?? 1) * unit; // 十五: an implicit 一 before 十
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

/** 折 written as 八折, 8折, 8.5折, 八五折, 七五折: returns 8, 8, 8.5, 8.5, 7.5. */
export function parseFold(text: string): number | undefined {
  const s = toAscii(text.trim());
  if (/^\d(?:\.\d)?$/.test(s)) return Number(s);
  if (/^\d\d$/.test(s)) return Number(s) / 10; // 85折
  const chars = [...s];
  if (chars.length === 1 && s in DIGITS) return DIGITS[s];
  if (chars.length === 2 && chars.every((c) => c in DIGITS))
    return DIGITS[chars[0]!]! + DIGITS[chars[1]!]! / 10;
  return undefined;
}

const DAY_UNITS: Record<string, number> = {
  天: 1,
  日: 1,
  工作日: 1,
  周: 7,
  星期: 7,
  礼拜: 7,
  月: 30,
  个月: 30,
  年: 365,
};

/** A regex fragment for a duration in days: "30天", "三十日", "一个月", "两周", "半个月", "半年". */
export const DURATION = `(?:(${NUM})|(半))\\s*(?:个)?\\s*(工作日|天|日|周|星期|礼拜|个月|月|年)`;

/** Days in a duration matched by DURATION (groups: number, 半, unit). */
export function durationDays(
  num: string | undefined,
  half: string | undefined,
  unit: string,
): number | undefined {
  const n = half ? 0.5 : num !== undefined ? parseNumber(num) : undefined;
  const per = DAY_UNITS[unit];
  return n === undefined || per === undefined ? undefined : Math.round(n * per);
}

/** A regex fragment for money: "50元", "五十块", "¥50", "50块钱", "200 RMB". Group 1 or 2 holds the number. */
export const MONEY = `(?:[¥￥]\\s*(${NUM})|(${NUM})\\s*(?:元|块钱|块|rmb|RMB))`;
