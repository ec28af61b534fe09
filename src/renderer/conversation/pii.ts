// PII masking for the customer profile. Masked is the default everywhere; the agent reveals a
// field deliberately (and the core may audit that). Follows the conventions Chinese platforms use:
// 张* for names, 138****1234 for mobile numbers, province/city kept and the street hidden.

/** 张三 → 张*, 欧阳娜娜 → 欧***, Alice → A****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812341234 → 138****1234; shorter numbers keep only the last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

// Administrative divisions end in one of these; everything up to the last of them in the first
// part of the address is the region, which an agent may see (it matters for shipping questions).
const REGION_SUFFIX = /^(.*?(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗))/u;
const STREETISH = /[0-9０-９路街道巷弄号栋楼室村镇乡]/u;

/** 浙江省杭州市西湖区文三路 90 号 → 浙江省杭州市西湖区****; non-Chinese: first 6 characters + ****. */
export function maskAddress(address: string): string {
  const text = address.trim();
  if (text.length === 0) return '';
  let region = '';
  let rest = text;
  // Take up to three nested region levels (province → city → district).
  for (let i = 0; i < 3; i++) {
    const m = REGION_SUFFIX.exec(rest);
    // A "level" that is long or names a street/number is already the private part: stop there.
    if (!m || !m[1] || m[1].length > 9 || STREETISH.test(m[1])) break;
    region += m[1];
    rest = rest.slice(m[1].length);
  }
  if (!region) region = [...text].slice(0, Math.min(6, Math.floor(text.length / 2))).join('');
  return rest.length > 0 ? `${region}****` : region;
}
