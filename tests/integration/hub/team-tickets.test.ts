// The lead's team view: `team:tickets` lists every open ticket with its holder (lead/admin only), and
// the lead reassigns one with `ticket:transfer` to a named agent or the best available one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/simulator/factory';
import { waitingSince } from '../../../src/shared/waiting';
import type { Message } from '../../../src/shared/domain';
import { connectAs, testHub } from './helpers';
import { outcome } from '../../support/fixtures';

let hub: RunningHub;
beforeAll(async () => {
  hub = await testHub({});
});
afterAll(async () => {
  await hub.close();
});

describe('team:tickets and reassigning', () => {
  it('refuses agents; lists open tickets for leads; a lead moves one from agent1 to agent2', async () => {
    const agent1 = await connectAs(hub, 'agent1');
    const gen = new TicketFactory(41, { media: false }).next(Date.now(), 'product_inquiry');
    // only agent1 is online, so routing gives it to them
    expect((await hub.core.escalate(gen.ticket)).assignedTo).toBe('agent1');
    await agent1.waitFor('ticket:assigned', (p) => p.ticket.id === gen.ticket.id);
    const agent2 = await connectAs(hub, 'agent2');
    const lead = await connectAs(hub, 'lead1');
    const admin = await connectAs(hub, 'admin');

    const refused = await agent1.cmd('team:tickets', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { tickets } = await lead.ok('team:tickets', {});
    const row = tickets.find((t) => t.id === gen.ticket.id);
    expect(row).toMatchObject({
      customerNickname: gen.ticket.customer.nickname,
      intent: 'product_inquiry',
      status: 'assigned',
      assignedTo: 'agent1',
      slaDueAt: gen.ticket.slaDueAt,
      slaBreached: false,
    });
    // no agent has answered yet: the customer has been waiting since the escalation at the latest
    expect(row!.waitingSince).toBeLessThanOrEqual(Date.now());
    expect(row!.waitingSince).toBeGreaterThanOrEqual(gen.ticket.createdAt);
    expect((await admin.ok('team:tickets', {})).tickets.map((t) => t.id)).toContain(gen.ticket.id);

    const moved = await lead.ok('ticket:transfer', {
      ticketId: gen.ticket.id,
      idempotencyKey: 'reassign-1',
      toAgentId: 'agent2',
      reason: '组长改派',
    });
    expect(moved.toAgentId).toBe('agent2');
    const assigned = await agent2.waitFor('ticket:assigned', (p) => p.ticket.id === gen.ticket.id);
    expect(assigned.ticket.assignedTo).toBe('agent2');
    const revoked = await agent1.waitFor('ticket:revoked', (p) => p.ticketId === gen.ticket.id);
    expect(revoked.reason).toBe('组长改派');

    const after = (await lead.ok('team:tickets', {})).tickets.find((t) => t.id === gen.ticket.id);
    expect(after).toMatchObject({ assignedTo: 'agent2', status: 'assigned' });

    // the same command again is answered from the idempotency store, not applied twice
    const again = await lead.ok('ticket:transfer', {
      ticketId: gen.ticket.id,
      idempotencyKey: 'reassign-1',
      toAgentId: 'agent2',
      reason: '组长改派',
    });
    expect(again.toAgentId).toBe('agent2');
    expect(agent2.of('ticket:assigned').filter((p) => p.ticket.id === gen.ticket.id)).toHaveLength(1);

    // admins reassign too ("best available": agent2's ticket goes to the only other online agent)
    const best = await admin.ok('ticket:transfer', {
      ticketId: gen.ticket.id,
      idempotencyKey: 'reassign-2',
      reason: '',
    });
    expect(best.toAgentId).toBe('agent1');
    for (const c of [agent1, agent2, lead, admin]) c.close();
  });
});

describe('team:ticket', () => {
  it('gives a lead the whole ticket and refuses agents and unknown ids', async () => {
    const agent1 = await connectAs(hub, 'agent1');
    const gen = new TicketFactory(43, { media: false }).next(Date.now(), 'tracking');
    await hub.core.escalate(gen.ticket);
    const lead = await connectAs(hub, 'lead1');
    const { ticket } = await lead.ok('team:ticket', { ticketId: gen.ticket.id });
    expect(ticket.id).toBe(gen.ticket.id);
    expect(ticket.messages.map((m) => m.id)).toEqual(gen.ticket.messages.map((m) => m.id));
    expect(await agent1.cmd('team:ticket', { ticketId: gen.ticket.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await lead.cmd('team:ticket', { ticketId: 'no-such-ticket' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const c of [agent1, lead]) c.close();
  });
});

describe('waitingSince', () => {
  const msg = (from: Message['from'], at: number): Message =>
    ({ id: `m${at}`, ticketId: 't', from, at, kind: 'text', text: 'x' }) as Message;

  it('counts from the escalation until an agent answers, then from the next customer message', () => {
    expect(waitingSince([msg('customer', 100), msg('bot', 110)], 200)).toBe(200);
    expect(waitingSince([msg('customer', 100), msg('bot', 110), msg('customer', 300)], 200)).toBe(200);
    expect(waitingSince([msg('customer', 100), msg('agent', 400)], 200)).toBeNull();
    expect(
      waitingSince([msg('customer', 100), msg('agent', 400), msg('customer', 500), msg('customer', 600)], 200),
    ).toBe(500);
  });
});

describe('customer:history', () => {
  it('shows the holder of a returning customer’s ticket the earlier ones, with how they ended', async () => {
    const f = new TicketFactory(44, { media: false });
    const first = f.next(Date.now() - 3_600_000, 'tracking').ticket;
    first.aiActions = [];
    const agent3 = await connectAs(hub, 'agent3');
    expect((await hub.core.escalate(first)).assignedTo).toBe('agent3');
    await agent3.ok('ticket:outcome', outcome({
      idempotencyKey: 'hist-1',
      ticketId: first.id,
      agentId: 'agent3',
      intent: 'tracking',
      handleTimeMs: 60_000,
      firstResponseMs: 5000,
      messagesSent: 2,
      csat: 5,
      note: '已催件，承诺48小时内更新物流',
      closedAt: Date.now() - 3_000_000,
    }));
    // the same customer writes again
    const again = f.next(Date.now(), 'delivery_exception').ticket;
    again.aiActions = [];
    again.customer = { ...first.customer };
    expect((await hub.core.escalate(again)).assignedTo).toBe('agent3');

    const { tickets } = await agent3.ok('customer:history', { ticketId: again.id });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      id: first.id,
      intent: 'tracking',
      agentName: hub.core.getUser('agent3')!.name,
      outcome: { resolution: 'resolved', note: '已催件，承诺48小时内更新物流', csat: 5 },
    });
    const firstText = first.messages.find((m) => m.from === 'customer' && (m.kind === 'text' || m.kind === 'voice'));
    expect(tickets[0]!.opener).toBe(firstText!.kind === 'text' ? firstText!.text : (firstText as { transcript: string }).transcript);

    const other = await connectAs(hub, 'agent4');
    expect(await other.cmd('customer:history', { ticketId: again.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const lead = await connectAs(hub, 'lead1');
    expect((await lead.ok('customer:history', { ticketId: again.id })).tickets).toHaveLength(1);
    for (const c of [agent3, other, lead]) c.close();
  });
});

describe('ticket:whisper', () => {
  it('puts a lead’s private note in the holder’s conversation once, and refuses agents', async () => {
    const agent5 = await connectAs(hub, 'agent5');
    const gen = new TicketFactory(45, { media: false }).next(Date.now(), 'coupon_inquiry');
    gen.ticket.aiActions = [];
    expect((await hub.core.escalate(gen.ticket)).assignedTo).toBe('agent5');
    const lead = await connectAs(hub, 'lead1');
    const input = { ticketId: gen.ticket.id, idempotencyKey: 'w-1', text: '可以送一张满199减20的券' };
    const { message } = await lead.ok('ticket:whisper', input);
    expect(message).toMatchObject({ from: 'system', kind: 'system', event: 'lead_note' });
    expect((message as { text: string }).text).toContain('可以送一张满199减20的券');
    const got = await agent5.waitFor('ticket:message', (p) => p.message.id === message.id);
    expect(got.ticketId).toBe(gen.ticket.id);
    // a retry from the lead's outbox: same answer, no second note
    expect((await lead.ok('ticket:whisper', input)).message.id).toBe(message.id);
    const stored = (await hub.store.getTicket(gen.ticket.id))!.messages.filter((m) => m.kind === 'system' && m.event === 'lead_note');
    expect(stored).toHaveLength(1);
    expect(await agent5.cmd('ticket:whisper', { ...input, idempotencyKey: 'w-2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const c of [agent5, lead]) c.close();
  });
});
