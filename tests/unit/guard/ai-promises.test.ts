// What the AI promised before escalating, checked like an agent's draft.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aiPromises } from '../../../src/main/core/guard/ai-promises';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { ConflictRulesFileSchema, evaluateConflicts } from '../../../src/shared/conflict-rules';
import type { TicketAction } from '../../../src/shared/domain';
import { textMessage, ticket } from '../../support/fixtures';

const policy = loadPolicy();

describe('aiPromises', () => {
  it('lists each promise in the bot’s messages and flags the ones beyond policy, in the AI’s name', () => {
    const t = ticket({
      id: 'p-1',
      messages: [
        textMessage('p-1', '我买的裤子能退吗？'),
        textMessage('p-1', '亲，本店支持30天无理由退货，48小时内发货哦～', { from: 'bot' }),
        textMessage('p-1', '退货可以，30天内都行', { from: 'customer' }), // the customer's words are not promises
      ],
    });
    const promises = aiPromises(t, policy, null);
    expect(promises.map((p) => p.kind)).toEqual(['return_days', 'ship_hours']);
    expect(promises[0]).toMatchObject({ excerpt: '本店支持30天无理由退货', warning: { severity: 'high' } });
    expect(promises[0]!.warning!.reason).toMatch(/^AI承诺 30 天可退货，店铺政策为签收后 7 天/);
    expect(promises[1]!.warning).toBeNull(); // 48 h is the shop's own promise
  });

  it('is empty when the AI promised nothing', () => {
    const t = ticket({
      id: 'p-2',
      messages: [textMessage('p-2', '您好，请问有什么可以帮您？', { from: 'bot' })],
    });
    expect(aiPromises(t, policy, null)).toEqual([]);
  });
});

// Issue 13 §3: the agent's strip and the lead's conflict view judge the AI's actions with one rule set.

const hubRules = ConflictRulesFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../../resources/hub/conflict-rules.json', import.meta.url), 'utf8')),
);
const act = (
  id: string,
  type: TicketAction['type'],
  params: TicketAction['params'],
  summary: string,
  actor = '售后Agent',
): TicketAction => ({
  id,
  ticketId: 'p-3',
  actor: { kind: 'ai', id: `ai-${actor}`, name: actor },
  type,
  params,
  summary,
  at: 1_700_000_000_000,
});

describe('aiPromises: the AI agents’ actions, as the lead sees them', () => {
  const actions = [
    act('a1', 'return_approve', { orderId: 'O-1' }, '同意退货退款'),
    act('a2', 'return_deny', { orderId: 'O-1' }, '超出7天无理由期限，拒绝退货', '风控Agent'),
    act('a3', 'promise', { returnDays: 15 }, '承诺15天内可退'),
  ];
  const t = ticket({
    id: 'p-3',
    intent: 'return_request',
    aiActions: actions,
    messages: [textMessage('p-3', '能退吗')],
  });

  it('flags "承诺15天内可退" and "同意退货退款" at the severity of the hub’s conflicts', () => {
    const promises = aiPromises(t, policy, hubRules).filter((p) => p.origin === 'action');
    const byId = new Map(promises.map((p) => [p.messageId, p]));
    expect(byId.get('a3')!.warning).toMatchObject({ severity: 'high', ruleId: 'promise-return-days' });
    expect(byId.get('a3')!.warning!.reason).toContain('承诺 15 天退货，平台政策为 7 天');
    expect(byId.get('a1')!.warning).toMatchObject({ severity: 'high', ruleId: 'return-approve-vs-deny' });

    // The hub's conflict engine over the same actions: the same rules, the same severities.
    const hub = evaluateConflicts(hubRules, actions, {
      ticketId: t.id,
      intent: t.intent,
      sentiment: t.sentiment,
    });
    for (const p of promises.filter((x) => x.warning)) {
      const mine = hub.filter((m) => m.sides.some((s) => s.id === p.messageId));
      expect(mine.map((m) => m.ruleId)).toContain(p.warning!.ruleId);
      expect(mine.find((m) => m.ruleId === p.warning!.ruleId)!.severity).toBe(p.warning!.severity);
    }
    // And nothing the hub raises about an AI action is missing from the strip.
    for (const m of hub)
      for (const s of m.sides.filter((x) => actions.some((a) => a.id === x.id)))
        expect(byId.get(s.id)?.warning, `${m.ruleId} on ${s.id}`).not.toBeNull();
  });

  it('an action within policy is listed without a warning', () => {
    const ok = ticket({
      id: 'p-4',
      aiActions: [act('b1', 'promise', { refundHours: 72 }, '承诺72小时内到账')],
    });
    const [p] = aiPromises(ok, policy, hubRules);
    expect(p).toMatchObject({ origin: 'action', excerpt: '承诺72小时内到账', warning: null });
  });
});
