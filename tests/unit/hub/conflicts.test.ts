import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateConflicts, type ConflictRulesFile } from '../../../src/hub/conflicts/evaluate';
import {
  DEFAULT_RULES_PATH,
  RulesFileError,
  loadRulesFile,
  parseRulesFile,
} from '../../../src/hub/conflicts/load';
import type { TicketAction } from '../../../src/shared/domain';

const rules = loadRulesFile();
const ctx = {
  ticketId: 't1',
  intent: 'refund_progress' as const,
  sentiment: { label: 'neutral' as const, score: 0 },
};
let n = 0;
const act = (
  type: TicketAction['type'],
  params: TicketAction['params'] = {},
  kind: 'ai' | 'human' = 'ai',
  name = kind === 'ai' ? '售后Agent' : '王小明',
): TicketAction => ({
  id: `a${++n}`,
  ticketId: 't1',
  actor: { kind, id: kind === 'ai' ? `ai-${name}` : 'agent1', name },
  type,
  params,
  summary: `${name} ${type}`,
  at: 1,
});
const ids = (m: ReturnType<typeof evaluateConflicts>) => m.map((x) => x.ruleId).sort();

describe('conflict rule engine', () => {
  it('the shipped rule file is valid', () => {
    expect(rules.rules.length).toBeGreaterThanOrEqual(5);
    expect(rules.policy.returnDays).toBe(7);
  });

  it('refund approved vs denied on the same order', () => {
    const a = act('refund_approve', { orderId: 'o1' });
    const b = act('refund_deny', { orderId: 'o1' }, 'human');
    const m = evaluateConflicts(rules, [a, b], ctx);
    expect(ids(m)).toEqual(['refund-approve-vs-deny']);
    expect(m[0]!.sides).toEqual([a, b]);
    expect(m[0]!.explanation).toContain('售后Agent');
    // different orders do not conflict
    expect(evaluateConflicts(rules, [a, act('refund_deny', { orderId: 'o2' })], ctx)).toEqual([]);
  });

  it('coupon during a complaint or negative sentiment; fine otherwise', () => {
    const coupon = act('coupon_push', { amount: 10 });
    expect(ids(evaluateConflicts(rules, [coupon], { ...ctx, intent: 'quality_complaint' }))).toEqual([
      'coupon-during-complaint',
    ]);
    expect(
      ids(evaluateConflicts(rules, [coupon], { ...ctx, sentiment: { label: 'negative', score: -0.6 } })),
    ).toEqual(['coupon-during-complaint']);
    expect(evaluateConflicts(rules, [coupon], { ...ctx, intent: 'coupon_inquiry' })).toEqual([]);
  });

  it('two different compensation amounts', () => {
    const m = evaluateConflicts(
      rules,
      [act('compensate', { amount: 10 }, 'ai', '物流Agent'), act('compensate', { amount: 20 })],
      ctx,
    );
    expect(ids(m)).toEqual(['compensation-mismatch']);
    expect(
      evaluateConflicts(
        rules,
        [act('compensate', { amount: 10 }), act('compensate', { amount: 10 }, 'human')],
        ctx,
      ),
    ).toEqual([]);
  });

  it('a promise that breaks policy (returnDays 30 vs 7)', () => {
    const m = evaluateConflicts(rules, [act('promise', { returnDays: 30 }, 'human')], ctx);
    expect(ids(m)).toEqual(['promise-return-days']);
    expect(m[0]!.sides[1].actor.id).toBe('policy');
    expect(m[0]!.sides[1].params).toEqual({ returnDays: 7 });
    expect(m[0]!.explanation).toContain('30');
    expect(evaluateConflicts(rules, [act('promise', { returnDays: 7 })], ctx)).toEqual([]);
  });

  it("a discount beyond the actor's own limit (AI 20, human 50)", () => {
    expect(ids(evaluateConflicts(rules, [act('discount', { amount: 30 })], ctx))).toEqual([
      'discount-over-actor-limit',
    ]);
    expect(evaluateConflicts(rules, [act('discount', { amount: 30 }, 'human')], ctx)).toEqual([]);
    expect(ids(evaluateConflicts(rules, [act('discount', { amount: 60 }, 'human')], ctx))).toEqual([
      'discount-over-actor-limit',
    ]);
  });

  it('`involving` reports only matches with the new action; disabled rules are skipped', () => {
    const a = act('refund_approve', { orderId: 'o1' });
    const b = act('refund_deny', { orderId: 'o1' });
    const c = act('compensate', { amount: 5 });
    expect(evaluateConflicts(rules, [a, b, c], ctx, { involving: c.id })).toEqual([]);
    expect(ids(evaluateConflicts(rules, [a, b, c], ctx, { involving: b.id }))).toEqual([
      'refund-approve-vs-deny',
    ]);
    const off: ConflictRulesFile = { ...rules, rules: rules.rules.map((r) => ({ ...r, enabled: false })) };
    expect(evaluateConflicts(off, [a, b], ctx)).toEqual([]);
  });

  it('is pure: same input, same output; no ids or clocks invented', () => {
    const xs = [
      act('refund_approve', { orderId: 'o' }),
      act('refund_deny', { orderId: 'o' }),
      act('coupon_push', {}),
    ];
    const c2 = { ...ctx, intent: 'fake_goods' as const };
    expect(evaluateConflicts(rules, xs, c2)).toEqual(evaluateConflicts(rules, xs, c2));
    const src =
      readFileSync(new URL('../../../src/shared/conflict-rules.ts', import.meta.url), 'utf8') +
      readFileSync(new URL('../../../src/hub/conflicts/rules-schema.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/from 'node:|Date\.now|Math\.random/);
  });

  it('a bad rule file fails loudly with the path and the field', () => {
    expect(() => parseRulesFile('{ not json', 'x.json')).toThrow(/x\.json: not valid JSON/);
    const text = readFileSync(DEFAULT_RULES_PATH, 'utf8');
    const broken = JSON.parse(text);
    broken.rules[0].kind = 'telepathy';
    expect(() => parseRulesFile(JSON.stringify(broken), 'r.json')).toThrow(RulesFileError);
    const dup = JSON.parse(text);
    dup.rules[1].id = dup.rules[0].id;
    expect(() => parseRulesFile(JSON.stringify(dup))).toThrow(/duplicate rule id/);
    const missing = JSON.parse(text);
    missing.policy = {};
    expect(() => parseRulesFile(JSON.stringify(missing))).toThrow(/policy has no key "returnDays"/);
    const badType = JSON.parse(text);
    badType.rules[0].a = 'refund_maybe';
    expect(() => parseRulesFile(JSON.stringify(badType))).toThrow(/rules\.0\.a/);
    expect(() => loadRulesFile('/nonexistent/rules.json')).toThrow(/cannot read/);
  });
});
