// The workstation core's team view through the real API router: `team.tickets` asks the hub (lead and
// admin only, UNAVAILABLE offline) and `team.reassign` goes through the outbox as `ticket:transfer`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketFactory } from '../../src/simulator/factory';
import { XiaoerCore } from '../../src/main/core/app-core';
import type { AgentProfile } from '../../src/shared/domain';
import { connectAs, testHub, until } from './hub/helpers';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function newCore(dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-team-'))): XiaoerCore {
  const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
  cleanup.push(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return core;
}

/** A core restarted with an earlier session stored (the session is read at start) and no reachable hub. */
async function offlineCore(agent: AgentProfile): Promise<XiaoerCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-team-'));
  const first = new XiaoerCore({ dataDir, shell: 'browser', model: null });
  first.tickets.setState(
    'session',
    JSON.stringify({
      hubUrl: 'http://127.0.0.1:9',
      token: 'x'.repeat(32),
      expiresAt: Date.now() + 3_600_000,
      agent,
    }),
  );
  await first.close();
  const core = newCore(dataDir);
  expect(core.session.agent?.role).toBe(agent.role);
  return core;
}

describe('team.tickets / team.ticket / team.reassign', () => {
  it('refuses agents in the core, before anything reaches the outbox', async () => {
    const core = await offlineCore({
      id: 'agent1',
      name: '王小明',
      role: 'agent',
      skills: ['tracking'],
      capacity: 6,
    });
    const call = (m: string, i: unknown) => core.router.dispatch(m, i);
    expect(await call('team.tickets', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('team.ticket', { ticketId: 't1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('team.metrics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('team.reassign', { ticketId: 't1', toAgentId: 'agent2' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(core.outbox.pendingCount()).toBe(0);
  });

  it('offline: the list is UNAVAILABLE, a reassignment waits in the outbox, a second one is refused', async () => {
    const core = await offlineCore({ id: 'lead1', name: '周组长', role: 'lead', skills: [], capacity: 1 });
    const call = (m: string, i: unknown) => core.router.dispatch(m, i);
    expect(await call('team.tickets', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', text: { code: 'refusal.offline', params: { needs: 'team_tickets' } } },
    });
    expect(await call('team.ticket', { ticketId: 't1' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    const r = await call('team.reassign', { ticketId: 't1', toAgentId: 'agent2', reason: '组长改派' });
    expect(r).toMatchObject({ ok: true, data: { ticketId: 't1' } });
    expect(core.outbox.outbox.head()).toMatchObject({
      command: 'ticket:transfer',
      ticketId: 't1',
      payload: { ticketId: 't1', toAgentId: 'agent2', reason: '组长改派' },
    });
    expect(await call('team.reassign', { ticketId: 't1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', text: { code: 'refusal.reassign_waiting' } },
    });
    expect(core.outbox.pendingCount()).toBe(1);
  });

  it('online: lists the hub’s open tickets and moves one from agent1 to agent2 through the outbox', async () => {
    const hub = await testHub({});
    cleanup.push(() => hub.close());
    const agent1 = await connectAs(hub, 'agent1');
    const gen = new TicketFactory(43, { media: false }).next(Date.now(), 'size_advice');
    expect((await hub.core.escalate(gen.ticket)).assignedTo).toBe('agent1');
    const agent2 = await connectAs(hub, 'agent2');
    cleanup.push(() => {
      agent1.close();
      agent2.close();
    });

    const lead = newCore();
    await lead.session.login(hub.url, 'lead1', 'xiaoer123');
    await until(() => lead.session.sync?.currentPhase === 'online', 8000, 'lead online');
    const call = (m: string, i: unknown) => lead.router.dispatch(m, i);

    const list = await call('team.tickets', {});
    expect(list.ok).toBe(true);
    const rows = (list as { data: Array<Record<string, unknown>> }).data;
    expect(rows.find((t) => t.id === gen.ticket.id)).toMatchObject({
      assignedTo: 'agent1',
      customerNickname: gen.ticket.customer.nickname,
      intent: 'size_advice',
      reassignPending: false,
    });

    // the lead reads the conversation; it stays unread for agent1 (nothing is written anywhere)
    const read = await call('team.ticket', { ticketId: gen.ticket.id });
    expect(read).toMatchObject({
      ok: true,
      data: { id: gen.ticket.id, customer: { nickname: gen.ticket.customer.nickname } },
    });
    expect((read as { data: { messages: unknown[] } }).data.messages).toHaveLength(
      gen.ticket.messages.length,
    );
    expect(lead.tickets.get(gen.ticket.id)).toBeUndefined();

    // the feedback loop's figures, straight from the hub
    expect(await call('team.metrics', {})).toMatchObject({
      ok: true,
      data: { outcomes: 0, suggestionsBySource: {} },
    });
    expect(await call('team.metrics', { intent: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });

    expect(await call('team.reassign', { ticketId: gen.ticket.id, toAgentId: 'agent2' })).toMatchObject({
      ok: true,
    });
    await agent2.waitFor('ticket:assigned', (p) => p.ticket.id === gen.ticket.id);
    await agent1.waitFor('ticket:revoked', (p) => p.ticketId === gen.ticket.id);
    await until(() => lead.outbox.pendingCount() === 0, 8000, 'outbox drained');
    expect(lead.outbox.conflicts()).toEqual([]);
    expect((await hub.store.getTicketHead(gen.ticket.id))?.assignedTo).toBe('agent2');
    const after = (await call('team.tickets', {})) as { data: Array<Record<string, unknown>> };
    expect(after.data.find((t) => t.id === gen.ticket.id)).toMatchObject({
      assignedTo: 'agent2',
      reassignPending: false,
    });
  });
});
