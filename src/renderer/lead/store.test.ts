import { describe, expect, it } from 'vitest';
import type { Conflict, TicketAction } from '../../shared/domain';
import { setApiClient } from '../platform/client';
import { fakeApi } from '../testing/fixtures';
import { sortConflicts, useLead } from './store';

const side = (type: TicketAction['type']): TicketAction => ({
  id: type,
  ticketId: 't1',
  actor: { kind: 'ai', id: 'a', name: 'AI' },
  type,
  params: {},
  summary: '',
  at: 0,
});

const conflict = (id: string, over: Partial<Conflict> = {}): Conflict => ({
  id,
  ticketId: 't1',
  ruleId: 'r',
  title: id,
  severity: 'medium',
  sides: [side('refund_approve'), side('refund_deny')],
  context: {
    intent: 'refund_progress',
    sentiment: { label: 'negative', score: -0.5 },
    lastMessages: [],
    explanation: '',
  },
  status: 'open',
  raisedAt: 0,
  ...over,
});

it('sorts open before decided, then by severity, then oldest first', () => {
  const list = sortConflicts([
    conflict('done-high', { status: 'resolved', severity: 'high' }),
    conflict('low-old', { severity: 'low', raisedAt: 1 }),
    conflict('high-new', { severity: 'high', raisedAt: 9 }),
    conflict('high-old', { severity: 'high', raisedAt: 2 }),
  ]);
  expect(list.map((c) => c.id)).toEqual(['high-old', 'high-new', 'low-old', 'done-high']);
});

describe('lead slice', () => {
  it('applies the decided conflict returned by conflicts.resolve', async () => {
    const decided = conflict('c1', {
      status: 'resolved',
      decision: { choice: 'b', note: 'policy', by: 'lead1', at: 5 },
    });
    const api = fakeApi({
      'conflicts.list': () => ({ ok: true, data: [conflict('c1')] }),
      'conflicts.resolve': () => ({ ok: true, data: decided }),
    });
    setApiClient(api);
    await useLead.getState().load();
    expect(useLead.getState().conflicts.c1?.status).toBe('open');
    expect(await useLead.getState().resolve('c1', 'b', 'policy')).toBeNull();
    expect(useLead.getState().conflicts.c1?.decision?.choice).toBe('b');
    expect(api.calls[1]?.input).toEqual({ conflictId: 'c1', choice: 'b', note: 'policy' });
  });

  it('returns the error when a decision is refused', async () => {
    setApiClient(
      fakeApi({
        'conflicts.resolve': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'leads only' } }),
      }),
    );
    expect((await useLead.getState().resolve('c1', 'a', ''))?.code).toBe('FORBIDDEN');
    expect(useLead.getState().decidingId).toBeNull();
  });
});

describe('team tickets', () => {
  const row = (id: string, assignedTo: string | null) => ({
    id,
    customerNickname: id,
    intent: 'tracking' as const,
    priority: 2,
    status: 'active' as const,
    assignedTo,
    slaDueAt: 0,
    slaBreached: false,
    waitingSince: null,
    reassignPending: false,
  });

  it('keeps the last list when a refresh fails, and sends a reassignment with its target', async () => {
    let answer: unknown = { ok: true, data: [row('t1', 'a1')] };
    const api = fakeApi({
      'team.tickets': () => answer as never,
      'team.reassign': () => ({ ok: true, data: { ticketId: 't1', idempotencyKey: 'k' } }),
    });
    setApiClient(api);
    await useLead.getState().loadTickets();
    expect(useLead.getState().tickets?.map((t) => t.id)).toEqual(['t1']);
    answer = { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } };
    await useLead.getState().loadTickets();
    expect(useLead.getState().ticketsError?.code).toBe('UNAVAILABLE');
    expect(useLead.getState().tickets).toHaveLength(1);

    answer = { ok: true, data: [{ ...row('t1', 'a1'), reassignPending: true }] };
    expect(await useLead.getState().reassign('t1', 'a2')).toBeNull();
    expect(api.calls.find((c) => c.method === 'team.reassign')?.input).toEqual({
      ticketId: 't1',
      toAgentId: 'a2',
    });
    expect(useLead.getState().tickets?.[0]?.reassignPending).toBe(true);
    expect(useLead.getState().reassigningId).toBeNull();
  });
});
