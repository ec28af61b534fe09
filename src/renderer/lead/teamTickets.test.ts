import { describe, expect, it } from 'vitest';
import type { TeamSnapshot, TeamTicketView } from '../../shared/api';
import { groupTickets, QUEUED, reassignTargets } from './teamTickets';

const tk = (id: string, assignedTo: string | null): TeamTicketView => ({
  id,
  customerNickname: id,
  intent: 'tracking',
  priority: 2,
  status: assignedTo ? 'active' : 'escalated',
  assignedTo,
  slaDueAt: 0,
  slaBreached: false,
  waitingSince: null,
  reassignPending: false,
});

const agent = (id: string, status: 'online' | 'away' | 'offline', load: number, capacity = 2) => ({
  id,
  name: `N-${id}`,
  role: 'agent' as const,
  online: status !== 'offline',
  status,
  load,
  capacity,
});

const team: TeamSnapshot = {
  agents: [
    agent('a2', 'online', 1),
    agent('a1', 'online', 2),
    agent('a3', 'away', 0),
    agent('a4', 'online', 0),
  ],
  queued: 1,
  at: 0,
};

describe('groupTickets', () => {
  const list = [tk('t1', 'a1'), tk('t2', null), tk('t3', 'a2'), tk('t4', 'a1'), tk('t5', 'zz')];

  it('puts the queue first, then agents in board order, unknown holders last', () => {
    const groups = groupTickets(list, team, 'all');
    expect(groups.map((g) => g.agentId)).toEqual([null, 'a2', 'a1', 'zz']);
    expect(groups[2]).toMatchObject({ name: 'N-a1', tickets: [{ id: 't1' }, { id: 't4' }] });
    expect(groups[3]!.name).toBe('zz');
  });

  it('filters by agent or the queue', () => {
    expect(groupTickets(list, team, 'a1').flatMap((g) => g.tickets.map((t) => t.id))).toEqual(['t1', 't4']);
    expect(groupTickets(list, team, QUEUED).map((g) => g.agentId)).toEqual([null]);
    expect(groupTickets(list, null, 'nobody')).toEqual([]);
  });
});

describe('reassignTargets', () => {
  it('offers online agents with a free seat other than the holder', () => {
    expect(reassignTargets(team, 'a2').map((a) => a.id)).toEqual(['a4']);
    expect(reassignTargets(team, 'a4').map((a) => a.id)).toEqual(['a2']);
    expect(reassignTargets(null, null)).toEqual([]);
  });
});
