/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions, not the type system */
// Conflicts end to end (raised to leads and the agent, decided by a lead, decision back to the agent),
// knowledge distribution, and the feedback metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/simulator/factory';
import type { Outcome, TicketAction } from '../../../src/shared/domain';
import { connectAs, testHub } from './helpers';

let hub: RunningHub;
beforeAll(async () => {
  hub = await testHub({});
});
afterAll(async () => {
  await hub.close();
});

const ai = (
  ticketId: string,
  id: string,
  type: TicketAction['type'],
  params: TicketAction['params'],
  summary: string,
): TicketAction => ({
  id,
  ticketId,
  actor: { kind: 'ai', id: 'ai-售后Agent', name: '售后Agent' },
  type,
  params,
  summary,
  at: Date.now(),
});

describe('conflicts', () => {
  it('AI approved a refund, the agent denies it → lead sees both sides, decides, agent gets the decision', async () => {
    const agent = await connectAs(hub, 'agent3');
    const lead = await connectAs(hub, 'lead1');
    const admin = await connectAs(hub, 'admin');
    const gen = new TicketFactory(31, { media: false }).next(Date.now(), 'refund_progress');
    const orderId = gen.ticket.orders[0]!.id;
    gen.ticket.aiActions = [
      ai(gen.ticket.id, 'ai-1', 'refund_approve', { orderId, amount: 159 }, '同意退款159元'),
    ];
    const { assignedTo } = await hub.core.escalate(gen.ticket);
    expect(assignedTo).toBe('agent3');
    await agent.waitFor('ticket:assigned');

    const r = await agent.ok('ticket:action', {
      ticketId: gen.ticket.id,
      idempotencyKey: 'deny-1',
      type: 'refund_deny',
      params: { orderId },
      summary: '包裹未退回，暂不退款',
    });
    expect(r.conflicts).toHaveLength(1);
    const conflict = r.conflicts[0]!;
    expect(conflict).toMatchObject({
      ruleId: 'refund-approve-vs-deny',
      severity: 'high',
      status: 'open',
      agentId: 'agent3',
    });
    expect(conflict.sides.map((s) => s.actor.kind).sort()).toEqual(['ai', 'human']);
    expect(conflict.context.explanation).toMatch(/退款/);

    const raisedLead = await lead.waitFor('conflict:raised', (p) => p.conflict.id === conflict.id);
    await admin.waitFor('conflict:raised', (p) => p.conflict.id === conflict.id);
    await agent.waitFor('conflict:raised', (p) => p.conflict.id === conflict.id);
    expect(raisedLead.conflict.context.intent).toBe('refund_progress');

    const list = await lead.ok('conflict:list', { status: 'open' });
    expect(list.conflicts.map((c) => c.id)).toContain(conflict.id);

    const decided = await lead.ok('conflict:resolve', {
      conflictId: conflict.id,
      idempotencyKey: 'dec-1',
      choice: 'b',
      note: '等退货签收后再退款',
    });
    expect(decided.conflict.status).toBe('resolved');
    expect(decided.conflict.decision).toMatchObject({ choice: 'b', by: 'lead1' });
    // the same key again: the original answer, no second effect
    expect(
      await lead.ok('conflict:resolve', {
        conflictId: conflict.id,
        idempotencyKey: 'dec-1',
        choice: 'b',
        note: '等退货签收后再退款',
      }),
    ).toEqual(decided);
    // a second, different decision is refused
    const second = await admin.cmd('conflict:resolve', {
      conflictId: conflict.id,
      idempotencyKey: 'dec-2',
      choice: 'a',
      note: '',
    });
    expect(!second.ok && second.error.code).toBe('CONFLICT');

    const back = await agent.waitFor('conflict:decided', (p) => p.conflict.id === conflict.id);
    expect(back.conflict.decision.note).toBe('等退货签收后再退款');
    const sys = await agent.waitFor(
      'ticket:message',
      (p) => p.message.kind === 'system' && p.message.event === 'conflict_decided',
    );
    expect(sys.message.text).toMatch(/组长裁决/);
    expect(agent.of('conflict:decided')).toHaveLength(1);
    expect((await lead.ok('conflict:list', { status: 'open' })).conflicts.map((c) => c.id)).not.toContain(
      conflict.id,
    );
    for (const c of [agent, lead, admin]) c.close();
  });

  it('a coupon pushed by an AI during a complaint is raised at escalation and reaches the agent on assignment', async () => {
    const lead = await connectAs(hub, 'lead1');
    const gen = new TicketFactory(32, { media: false }).next(Date.now(), 'service_complaint');
    gen.ticket.aiActions = [ai(gen.ticket.id, 'ai-c', 'coupon_push', { amount: 20 }, '推送满199减20安抚券')];
    gen.ticket.sentiment = { label: 'negative', score: -0.8 };
    await hub.core.escalate(gen.ticket); // nobody online with a free seat except maybe earlier agents
    const raised = await lead.waitFor('conflict:raised', (p) => p.conflict.ticketId === gen.ticket.id);
    expect(raised.conflict.ruleId).toBe('coupon-during-complaint');
    expect(raised.conflict.sides[1].actor.id).toBe('service-guard');
    const agent = await connectAs(hub, 'agent4');
    const got = await agent.waitFor('conflict:raised', (p) => p.conflict.ticketId === gen.ticket.id);
    expect(got.conflict.agentId).toBe('agent4');
    // an agent's own over-limit discount is caught too
    const r = await agent.ok('ticket:action', {
      ticketId: gen.ticket.id,
      idempotencyKey: 'disc',
      type: 'discount',
      params: { amount: 80 },
      summary: '给客户优惠80元',
    });
    expect(r.conflicts.map((c) => c.ruleId)).toEqual(['discount-over-actor-limit']);
    lead.close();
    agent.close();
  });
});

describe('knowledge distribution', () => {
  it('serves the seeded knowledge base and deltas, and broadcasts kb:changed on publish', async () => {
    const agent = await connectAs(hub, 'agent1');
    const admin = await connectAs(hub, 'admin');
    const all = await agent.ok('kb:pull', { sinceVersion: 0 });
    expect(all.docs.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all.docs.map((d) => d.tier))).toEqual(new Set(['general', 'industry', 'merchant']));
    expect(all.docs.find((d) => d.id === 'policy-7day-return')!.body).toMatch(/7 天/);
    const v0 = all.version;
    expect(await agent.ok('kb:pull', { sinceVersion: v0 })).toEqual({
      version: v0,
      docs: [],
      deletedIds: [],
    });

    const doc = all.docs.find((d) => d.id === 'promo-member-day')!;
    const pub = await admin.ok('kb:publish', {
      idempotencyKey: 'pub-1',
      upsert: [
        {
          id: doc.id,
          tier: doc.tier,
          title: doc.title,
          tags: doc.tags,
          body: `${doc.body}\n\n本月会员日延长至 19 日。`,
        },
        {
          id: 'merchant-new-shop',
          tier: 'merchant',
          title: '新店规则',
          tags: ['店铺政策'],
          body: '新店开业，全场包邮。',
        },
      ],
      deleteIds: ['faq-huabei'],
    });
    expect(pub.version).toBe(v0 + 1);
    expect(
      (await admin.ok('kb:publish', { idempotencyKey: 'pub-1', upsert: [], deleteIds: ['x'] })).version,
    ).toBe(v0 + 1);
    await agent.waitFor('kb:changed', (p) => p.version === v0 + 1);
    const delta = await agent.ok('kb:pull', { sinceVersion: v0 });
    expect(delta.docs.map((d) => d.id).sort()).toEqual(['merchant-new-shop', 'promo-member-day']);
    expect(delta.deletedIds).toEqual(['faq-huabei']);
    expect(delta.docs.every((d) => d.version === v0 + 1)).toBe(true);

    // over HTTP, admin only
    const agentToken = hub.issueToken('agent1').token;
    const denied = await fetch(`${hub.url}/api/kb/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}` },
      body: '{}',
    });
    expect(denied.status).toBe(403);
    const res = await fetch(`${hub.url}/api/kb/publish`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${hub.issueToken('admin').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ idempotencyKey: 'http-1', deleteIds: ['merchant-new-shop'] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.version).toBe(v0 + 2);
    await agent.waitFor('kb:changed', (p) => p.version === v0 + 2);
    agent.close();
    admin.close();
  });
});

describe('feedback metrics', () => {
  it('aggregates adoption by source, marketing conversion, handle time and resolution rate by intent', async () => {
    const agent = await connectAs(hub, 'agent8');
    const lead = await connectAs(hub, 'lead1');
    const f = new TicketFactory(33, { media: false });
    const before = await lead.ok('metrics:get', {});
    const mk = async (
      resolution: Outcome['resolution'],
      key: string,
      sugg: Outcome['suggestionEvents'],
      mkt: Outcome['marketingEvents'],
    ) => {
      const g = f.next(Date.now(), 'size_advice');
      g.ticket.aiActions = [];
      const { assignedTo } = await hub.core.escalate(g.ticket);
      expect(assignedTo).not.toBeNull();
      const owner = assignedTo === 'agent8' ? agent : await connectAs(hub, assignedTo!);
      await owner.ok('ticket:outcome', {
        idempotencyKey: key,
        ticketId: g.ticket.id,
        agentId: assignedTo!,
        intent: 'size_advice',
        resolution,
        handleTimeMs: 100_000,
        firstResponseMs: 3000,
        messagesSent: 3,
        suggestionEvents: sugg,
        marketingEvents: mkt,
        conflictIds: [],
        tags: [],
        csat: 4,
        note: '',
        closedAt: Date.now(),
      });
    };
    const now = Date.now();
    await mk(
      'resolved',
      'm1',
      [
        { suggestionId: 's1', source: 'upstream_ai', event: 'shown', at: now },
        { suggestionId: 's1', source: 'upstream_ai', event: 'inserted', at: now },
        { suggestionId: 's1', source: 'upstream_ai', event: 'edited', editDistance: 4, at: now },
        { suggestionId: 's1', source: 'upstream_ai', event: 'sent', at: now },
        { suggestionId: 's2', source: 'knowledge', event: 'shown', at: now },
      ],
      [
        { recommendationId: 'r1', kind: 'coupon', source: 'upstream_ai', event: 'sent', at: now },
        { recommendationId: 'r1', kind: 'coupon', source: 'upstream_ai', event: 'converted', at: now },
      ],
    );
    await mk(
      'returned_to_bot',
      'm2',
      [{ suggestionId: 's3', source: 'upstream_ai', event: 'shown', at: now }],
      [{ recommendationId: 'r2', kind: 'product', source: 'local_rules', event: 'sent', at: now }],
    );
    const m = await lead.ok('metrics:get', { intent: 'size_advice' });
    expect(m.outcomes).toBe(2);
    expect(m.adoptionBySource).toEqual({ upstream_ai: 0.5, knowledge: 0 });
    expect(m.marketingConversion).toBe(0.5);
    expect(m.avgHandleTimeMs).toBe(100_000);
    expect(m.resolutionRateByIntent).toEqual({ size_advice: 0.5 });
    // the counts behind the rates
    expect(m.suggestionsBySource).toEqual({
      upstream_ai: { shown: 2, adopted: 1, edited: 1, avgEditDistance: 4 },
      knowledge: { shown: 1, adopted: 0, edited: 0, avgEditDistance: null },
    });
    expect(m.outcomesByIntent).toEqual({ size_advice: { outcomes: 2, resolved: 1, avgHandleTimeMs: 100_000 } });
    expect(m).toMatchObject({ avgFirstResponseMs: 3000, csatAvg: 4, marketing: { sent: 2, converted: 1 } });
    expect((await lead.ok('metrics:get', {})).outcomes).toBe(before.outcomes + 2);
    agent.close();
    lead.close();
  });
});
