// The agent's presence through the real core and hub: a break stops routing at once, survives a
// restart of the workstation (told to the hub in the handshake, so nothing is routed on reconnect),
// and taking tickets again drains the queue to the agent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketFactory } from '../../src/simulator/factory';
import { XiaoerCore } from '../../src/main/core/app-core';
import { sleep, testHub, until } from './hub/helpers';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('presence (taking tickets / on a break / busy)', () => {
  it('a break stops routing, survives a restart, and taking tickets again drains the queue', async () => {
    const hub = await testHub({});
    cleanup.push(() => hub.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-presence-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const f = new TicketFactory(47, { media: false });
    const escalate = async () => {
      const g = f.next(Date.now(), 'size_advice');
      g.ticket.aiActions = [];
      return { id: g.ticket.id, assignedTo: (await hub.core.escalate(g.ticket)).assignedTo };
    };

    let core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    await core.session.login(hub.url, 'agent1', 'xiaoer123');
    await until(() => core.session.sync?.currentPhase === 'online', 8000, 'online');
    expect(core.session.state().presence).toBe('online');
    expect(await core.router.dispatch('session.setPresence', { presence: 'away' })).toMatchObject({
      ok: true,
      data: { presence: 'away' },
    });
    expect((await escalate()).assignedTo).toBeNull();

    // restart the workstation: still on a break, and the hub hears it before routing anything
    await core.close();
    core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    cleanup.push(() => core.close());
    core.start();
    await until(() => core.session.sync?.currentPhase === 'online', 8000, 'online again');
    expect(core.session.state().presence).toBe('away');
    const during = await escalate();
    expect(during.assignedTo).toBeNull();
    await sleep(200);
    expect(core.tickets.listOpen()).toHaveLength(0);

    // back to work: both queued tickets come to this agent
    await core.router.dispatch('session.setPresence', { presence: 'online' });
    await until(() => core.tickets.listOpen().length === 2, 8000, 'the queue drained to the agent');
    expect(core.tickets.listOpen().map((t) => t.id)).toContain(during.id);
    expect(await core.router.dispatch('session.setPresence', { presence: 'napping' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // the next person to sign in on this machine starts out taking tickets
    await core.router.dispatch('session.setPresence', { presence: 'busy' });
    expect(await core.router.dispatch('session.logout', {})).toMatchObject({ ok: true, data: { presence: 'online' } });
  });
});
