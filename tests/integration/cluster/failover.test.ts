// Workstation failover: the sync client is given two hub nodes; when the one it is on dies it moves to
// the other and resumes from its cursor — every event once, in order, including those produced while
// it was moving.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { SyncClient } from '../../../src/main/core/sync/sync-client';
import type { ServerEventName } from '../../../src/shared/hub-protocol';
import { TicketFactory } from '../../../src/simulator/factory';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { PASSWORD, until } from '../hub/helpers';
import { clusterFixture } from './nodes';

if (!redisAvailable()) console.warn(`failover test skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('workstation failover between hub nodes', () => {
  const cluster = clusterFixture();

  it('moves to the next node when its node dies and resumes from its seq', async () => {
    const hubs = await cluster.nodes(2);
    const [a, b] = hubs as [(typeof hubs)[0], (typeof hubs)[0]];
    const applied: Array<{ name: ServerEventName; seq: number }> = [];
    let last = 0;
    const client = new SyncClient({
      hubUrl: `${a.url}, ${b.url}`,
      token: a.issueToken('agent8').token,
      cursor: {
        lastSeq: () => last,
        applyAtomically: (name, ev) => {
          applied.push({ name, seq: ev.seq });
          last = ev.seq;
        },
      },
    });
    try {
      client.connect();
      await until(() => client.currentPhase === 'online', 10_000, 'online on node a');
      expect(client.currentUrl).toBe(a.url);
      const f = new TicketFactory(8, { media: false });
      const t = f.next(Date.now(), 'tracking');
      await b.core.escalate(t.ticket); // produced on b, delivered through a
      await until(() => applied.length === 1, 10_000, 'assigned via node a');

      await a.close(); // node a dies
      await b.core.customerMessage(t.ticket.id, { kind: 'text', text: '节点切换中' });
      await until(
        () => client.currentUrl === b.url && client.currentPhase === 'online',
        20_000,
        'moved to b',
      );
      await until(() => applied.length === 2, 10_000, 'the message made while moving');
      await b.core.customerMessage(t.ticket.id, { kind: 'text', text: '切换后' });
      await until(() => applied.length === 3, 10_000, 'live on node b');
      expect(applied.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(applied.map((e) => e.name)).toEqual(['ticket:assigned', 'ticket:message', 'ticket:message']);
    } finally {
      client.disconnect();
    }
  });

  it('a workstation signed in to a list of nodes signs in past a dead one and fails over with its session', async () => {
    const prefix = `f${Date.now().toString(36)}`;
    const hubs = await cluster.nodes(2, {}, prefix);
    const [a, b] = hubs as [(typeof hubs)[0], (typeof hubs)[0]];
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-failover-ws-'));
    const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    const f = new TicketFactory(9, { media: false });
    try {
      const list = `${b.url}, ${a.url}`;
      await b.close(); // the first listed node is already gone: sign-in goes on to the next
      await core.session.login(list, 'agent8', PASSWORD);
      expect(core.session.state().hubUrl).toBe(`${b.url},${a.url}`); // the session keeps every node
      await until(() => core.session.state().phase === 'online', 20_000, 'online via a');
      const [c] = await cluster.nodes(1, { port: Number(new URL(b.url).port), node: 'c' }, prefix);
      const first = f.next(Date.now(), 'tracking');
      await a.core.escalate(first.ticket);
      await until(() => core.tickets.listOpen().length === 1, 10_000, 'the first ticket');

      await a.close(); // the node the workstation is on dies; b's port is served again by c
      const second = f.next(Date.now(), 'tracking');
      await c!.core.escalate(second.ticket);
      await until(() => core.tickets.listOpen().length === 2, 30_000, 'the ticket made after the failover');
      expect(core.session.state().phase).toBe('online');
      expect(
        core.tickets
          .listOpen()
          .map((t) => t.id)
          .sort(),
      ).toEqual([first.ticket.id, second.ticket.id].sort());
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
