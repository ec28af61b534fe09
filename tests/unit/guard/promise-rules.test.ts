// Issue 13 §2: the pre-send guard catches everyday promises from policy data (promise-rules.json):
// delivery dates and times, compensation multiples, guarantee language, and what the knowledge base
// says not to promise — each with the reason shown.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../src/main/core/guard/guard';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { loadPromiseRules, parsePromiseRules } from '../../../src/main/core/guard/promise-rules';
import { ticket } from '../../support/fixtures';

const policy = loadPolicy();
const agent = { id: 'a1', name: '小美', role: 'agent' as const };
const check = (draft: string) => checkDraft({ ticket: ticket(), draft, agent }, policy, null);

describe('promise rules (data)', () => {
  it('the shipped file loads and every pattern compiles', () => {
    expect(loadPromiseRules().rules.length).toBeGreaterThanOrEqual(4);
  });

  it('a bad pattern or a duplicate id fails loudly with its path', () => {
    const en = { title: 't', reason: 'r' };
    const rule = { id: 'x', title: 't', severity: 'high', match: ['(unclosed'], reason: 'r', en };
    expect(() => parsePromiseRules(JSON.stringify({ version: 1, rules: [rule] }))).toThrow(
      /rules\.0\.match\.0: not a valid regular expression/,
    );
    const ok = { ...rule, match: ['a'] };
    expect(() => parsePromiseRules(JSON.stringify({ version: 1, rules: [ok, ok] }))).toThrow(
      /duplicate rule id "x"/,
    );
  });

  it('a rule without its English words is refused: a warning is never Chinese-only', () => {
    const rule = { id: 'x', title: '标题', severity: 'high', match: ['a'], reason: '原因' };
    expect(() => parsePromiseRules(JSON.stringify({ version: 1, rules: [rule] }))).toThrow(/rules\.0\.en/);
    const source = { doc: 'd', title: '文档', quote: '引文' };
    const half = { ...rule, source, en: { title: 'Title', reason: 'Reason' } };
    expect(() => parsePromiseRules(JSON.stringify({ version: 1, rules: [half] }))).toThrow(/en\.source/);
  });

  it.each([
    ['我们保证明天一定送到', 'promise.delivery-date', 'high'],
    ['今天下午5点前一定送到您家', 'promise.delivery-date', 'high'],
    ['放心，明天就能到', 'promise.next-day-delivery', 'high'],
    ['假一赔十，放心购买', 'promise.compensation-multiple', 'high'],
    ['如有问题十倍赔偿', 'promise.compensation-multiple', 'high'],
    ['改派一定能成功的', 'promise.redirect-guaranteed', 'high'],
    ['我保证给您解决', 'promise.guarantee-language', 'medium'],
    ['这个问题一定能给您处理好', 'promise.guarantee-language', 'medium'],
  ])('"%s" is caught as %s (%s), with the reason', (draft, code, severity) => {
    const w = check(draft).find((x) => x.code === code);
    expect(w, JSON.stringify(check(draft))).toBeDefined();
    expect(w!.severity).toBe(severity);
    expect(w!.reason.length).toBeGreaterThan(10);
    expect(draft.slice(w!.start, w!.end).length).toBeGreaterThan(0);
  });

  it('the knowledge base is cited in the reason', () => {
    const w = check('假一赔十，放心购买')[0]!;
    expect(w.reason).toContain('知识库《正品保障与假货投诉》');
  });

  it.each([
    '预计明天送到，具体以物流为准',
    '不能保证明天一定送到，我帮您催一下',
    '如经鉴定为非正品，我们将按平台规则承担赔偿责任',
    '本店商品质量保证，请放心',
    '偏远地区一般需要4-6天送达',
    '您好，请问有什么可以帮您？',
  ])('"%s" is not a promise', (draft) => {
    expect(check(draft)).toEqual([]);
  });

  it('every promise the seed knowledge base forbids is caught', () => {
    // Lines like "不得承诺「24 小时内到账」" or "不要承诺次日达": the phrase after 承诺 is what must not be said.
    const dir = join(import.meta.dirname, '..', '..', '..', 'resources', 'kb-seed');
    const forbidden: string[] = [];
    for (const tier of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()))
      for (const f of readdirSync(join(dir, tier.name)).filter((x) => x.endsWith('.md')))
        for (const line of readFileSync(join(dir, tier.name, f), 'utf8').split('\n')) {
          const m = line.match(/(?:不得|不要|禁止|严禁|切勿)[^。]*?承诺(.+?)(?:[。；，,]|等|$)/);
          if (!m) continue;
          const quoted = [...m[1]!.matchAll(/「([^」]+)」/g)].map((q) => q[1]!);
          forbidden.push(...(quoted.length ? quoted : [m[1]!.trim()]));
        }
    expect(forbidden.length).toBeGreaterThanOrEqual(4);
    // On a ticket past the return window ("超过 7 天不得承诺无理由退货" is about those).
    const past = ticket({ escalationReason: '超出7天无理由期限，需人工判断' });
    const flags = (draft: string) => checkDraft({ ticket: past, draft, agent }, policy, null).length > 0;
    const missed = forbidden.filter((p) =>
      // Bare day counts ("15 天") are the return window: promised as a return.
      /^\d+\s*天$/.test(p)
        ? !flags(`亲，我们支持${p}无理由退货`)
        : !flags(`亲，我们承诺${p}`) && !flags(`亲，可以${p}`),
    );
    expect(missed).toEqual([]);
  });
});
