// On-device PII redaction for anything that leaves the workstation for a third party (the optional
// LLM endpoint). Personal data is swapped for numbered placeholders ([手机号1], [姓名1] …) before the
// request and put back into the answer locally, so the model can still say "we will call [手机号1]"
// while never seeing the number. The same value always gets the same placeholder within one redactor,
// so a conversation that repeats a phone number stays coherent for the model.
//
// What is found: the customer's own name, phone and address from the ticket (exact matches), and in
// free text mainland mobile and landline numbers, 18-digit resident ID numbers (checksum verified),
// bank-card-like numbers (Luhn verified), e-mail addresses, street addresses down to the house number,
// and names introduced as a recipient or contact (收件人 张三). Order numbers are not personal data
// and are left alone unless they happen to pass the bank-card check; then restore() brings them back.

export type PiiKind = 'name' | 'phone' | 'idCard' | 'bankCard' | 'email' | 'address';

const LABELS: Record<PiiKind, string> = {
  name: '姓名',
  phone: '手机号',
  idCard: '身份证号',
  bankCard: '银行卡号',
  email: '邮箱',
  address: '地址',
};

export interface KnownPii {
  name?: string;
  phone?: string;
  address?: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit of an 18-digit resident ID number. */
export function validIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** The capture group holding the value (default: the whole match). */
  group?: number;
  accept?: (value: string) => boolean;
  /** Narrows the value inside the match (e.g. drops the verb before an address). */
  trim?: (value: string) => string;
}

const HAN = '\\p{Script=Han}';
// Order matters: longer, more specific numbers first, so an ID number is not half-taken as a phone.
const DETECTORS: Detector[] = [
  { kind: 'email', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu },
  { kind: 'idCard', pattern: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/gu, accept: validIdCard },
  { kind: 'bankCard', pattern: /(?<!\d)\d{16,19}(?!\d)/gu, accept: luhn },
  { kind: 'phone', pattern: /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/gu },
  { kind: 'phone', pattern: /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/gu },
  {
    kind: 'address',
    pattern: new RegExp(
      `[${HAN}A-Za-z0-9]{2,30}?(?:路|街|大道|巷|弄|胡同|村|小区)(?:[一二三四五六七八九十0-9]{1,3}段)?\\s*[0-9０-９]+\\s*(?:号|弄)(?:[${HAN}0-9０-９\\s\\-]{0,12}?(?:栋|幢|号楼|单元|楼|室|座))*`,
      'gu',
    ),
    // The pattern starts at the first Han character, so "寄到杭州市…" must lose its verb.
    trim: (v) => v.replace(/^.*?(?:寄到|送到|发到|寄去|改成|改为|换成|住在|地址是|地址[:：]?)/u, ''),
  },
  {
    kind: 'name',
    pattern: new RegExp(
      `(?:收件人|收货人|联系人|我叫|本人|名字是|姓名)[:：是\\s]*([${HAN}]{2,4}?)(?=[，,。；;\\s电手地]|$)`,
      'gu',
    ),
    group: 1,
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class PiiRedactor {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<PiiKind, number>();
  private readonly known: Array<{ kind: PiiKind; value: string }> = [];

  constructor(known: KnownPii = {}) {
    // Longest first, so an address containing the name is replaced as a whole.
    const add = (kind: PiiKind, value: string | undefined, min: number) => {
      const v = value?.trim();
      if (v && [...v].length >= min) this.known.push({ kind, value: v });
    };
    add('address', known.address, 6);
    add('phone', known.phone, 7);
    add('name', known.name, 2);
    this.known.sort((a, b) => b.value.length - a.value.length);
  }

  /** How many distinct values were hidden so far. */
  get count(): number {
    return this.byValue.size;
  }

  /** Kinds hidden so far, with how many distinct values of each. */
  summary(): Partial<Record<PiiKind, number>> {
    return Object.fromEntries(this.counters);
  }

  redact(text: string): string {
    let out = text;
    for (const { kind, value } of this.known) {
      out = out.replace(new RegExp(escape(value), 'gu'), () => this.placeholder(kind, value));
    }
    for (const d of DETECTORS) {
      out = out.replace(d.pattern, (match: string, ...groups: unknown[]) => {
        const found = d.group ? (groups[d.group - 1] as string | undefined) : match;
        const value = found && d.trim ? d.trim(found) : found;
        if (!value || isPlaceholder(value) || (d.accept && !d.accept(value))) return match;
        return match.replace(value, this.placeholder(d.kind, value));
      });
    }
    return out;
  }

  /** Puts the original values back into a text that came back from outside (e.g. the LLM's draft). */
  restore(text: string): string {
    if (!this.byPlaceholder.size) return text;
    return text.replace(
      /\[(姓名|手机号|身份证号|银行卡号|邮箱|地址)(\d+)\]/gu,
      (m) => this.byPlaceholder.get(m) ?? m,
    );
  }

  private placeholder(kind: PiiKind, value: string): string {
    const key = `${kind}\u0000${kind === 'phone' ? value.replace(/\D/g, '').slice(-11) : value}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const ph = `[${LABELS[kind]}${n}]`;
    this.byValue.set(key, ph);
    this.byPlaceholder.set(ph, value);
    return ph;
  }
}

function isPlaceholder(s: string): boolean {
  return /^\[[^\]]+\d+\]$/u.test(s);
}
