// The lead's team view: `team:tickets` lists every open ticket with its holder (lead/admin only), and
// the lead reassigns one with `ticket:transfer` to a named agent or the best available one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/hub/simulator/factory';
import { waitingSince } from '../../../src/shared/waiting';
import type { Message } from '../../../src/shared/domain';
import { connectAs, testHub } from './helpers';

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
