// Routing's roster (src/hub/routing/roster.ts) keeps per-agent arrays between tickets: skill levels per
// intent, a mirror of the load counters, each agent's presence record. On a real hub, every kind of
// change it must follow — capacity, skills, load up and down, presence (status, a new connection, a
// closed one), a disabled account, resolution history — changes where the next ticket goes, and at
// every step the hub's own ranking equals the reference (rankAgents over every candidate).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import type { SeedUser } from '../../../src/hub/auth/users';
import type { HubContext } from '../../../src/hub/context';
import { candidates, rankFor } from '../../../src/hub/routing/candidates';
import { queuePressure, rankAgents } from '../../../src/hub/routing/score';
import { TicketFactory } from '../../../src/simulator/factory';
import { INTENT_IDS } from '../../../src/shared/intents';
import type { Intent } from '../../../src/shared/domain';
import { outcome } from '../../support/fixtures';
import { connectAs, testHub, until, type TestClient } from './helpers';

const agent = (id: string, skills: Intent[], capacity: number): SeedUser => ({
  id,
  username: id,
  name: id,
  role: 'agent',
  skills,
  capacity,
});

const USERS: SeedUser[] = [
  agent('a', ['tracking'], 1),
  agent('b', ['invoice'], 5),
  agent('c', ['invoice'], 5),
  agent('d', ['tracking'], 5),
  { id: 'lead1', username: 'lead1', name: '组长', role: 'lead', skills: [], capacity: 5 },
];

let hub: RunningHub | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.close();
  hub = undefined;
});

/** The hub's live state (the routing functions take it; the test only reads through them). */
const contextOf = (h: RunningHub) => (h.core as unknown as { ctx: HubContext }).ctx;

/** The hub's ranking for every intent, with and without an excluded agent, against the reference. */
function expectRankingAsReference(ctx: HubContext): void {
  // Both sides read idle time as of their own scan (Date.now()); a millisecond tick between the two
  // calls would change an idle factor in the fourth decimal. One clock reading for both keeps the
  // comparison about the ranking, not about when each call ran.
  const now = Date.now();
  const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
  try {
    for (const intent of INTENT_IDS)
      for (const exclude of [undefined, 'a', 'c']) {
        const { cands, free } = candidates(ctx, exclude, intent);
        const reference = rankAgents(cands, intent, queuePressure(3, free), 5);
        expect(rankFor(ctx, intent, 3, exclude, 5)).toEqual(reference);
      }
  } finally {
    clock.mockRestore();
  }
}

describe('routing roster', () => {
  it('follows capacity, skills, load, presence, accounts and history from one ticket to the next', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const h = hub;
    const ctx = contextOf(h);
    const f = new TicketFactory(31, { media: false });
    const connect = async (id: string, opts: { status?: 'away' } = {}) => {
      const c = await connectAs(h, id, opts);
      clients.push(c);
      return c;
    };
    const tracking = async () => {
      const g = f.next(Date.now(), 'tracking');
      g.ticket.aiActions = [];
      const stored = await h.core.escalate(g.ticket);
      expectRankingAsReference(ctx);
      return { id: stored.ticketId, to: stored.assignedTo };
    };
    const a = await connect('a');
    await connect('b');
    const c = await connect('c');
    expectRankingAsReference(ctx);

    const t1 = await tracking();
    expect(t1.to).toBe('a'); // the skill
    expect(['b', 'c']).toContain((await tracking()).to); // a is full: its load is seen at once

    await h.addAgents([{ id: 'a', skills: ['tracking'], capacity: 3 }]);
    const t3 = await tracking();
    expect(t3.to).toBe('a'); // a seat more

    // c learns tracking: an exact match with more free seats than a (2 of 3 taken)
    await h.addAgents([{ id: 'c', skills: ['tracking'], capacity: 5 }]);
    expect((await tracking()).to).toBe('c');

    await c.ok('agent:status', { status: 'away' });
    const t5 = await tracking();
    expect(t5.to).toBe('a'); // c on a break
    await c.ok('agent:status', { status: 'online' });
    expect((await tracking()).to).toBe('c'); // a is full again, c is back

    // d connects only now (its presence record is new since the roster was built)
    const d = await connect('d');
    expect((await tracking()).to).toBe('d');

    d.close();
    await until(() => (ctx.presence.get('d')?.sinks.size ?? 0) === 0, 8000, 'd disconnected');
    expect((await tracking()).to).toBe('c'); // d's socket is gone

    // a closes two tickets (load down, and resolution history for tracking): a seat more than c's share
    for (const [i, t] of [t1, t3].entries())
      await a.ok(
        'ticket:outcome',
        outcome({
          idempotencyKey: `out-${i}`,
          ticketId: t.id,
          agentId: 'a',
          intent: 'tracking',
          handleTimeMs: 60_000,
          firstResponseMs: 5000,
          messagesSent: 1,
        }),
      );
    expect(ctx.resolution.get('tracking')?.get('a')).toEqual({ resolved: 2, total: 2 });
    expect((await tracking()).to).toBe('a');

    // a disabled account is no candidate (its tickets go to others, c first, then b)
    await h.core.setUserAccess('a', { disabled: true });
    expect(rankFor(ctx, 'tracking', 0, undefined, 5).map((r) => r.agentId)).not.toContain('a');
    expect((await tracking()).to).not.toBe('a');
  });
});
