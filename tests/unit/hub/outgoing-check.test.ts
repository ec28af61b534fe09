import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { checksOutgoingByDefault, startHub, type RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/simulator/factory';
import type { Ticket } from '../../../src/shared/domain';

describe('the outgoing-event check', () => {
  it('is on under tests and when asked for, off in a production hub', () => {
    expect(checksOutgoingByDefault({ VITEST: 'true' })).toBe(true);
    expect(checksOutgoingByDefault({ NODE_ENV: 'test' })).toBe(true);
    expect(checksOutgoingByDefault({})).toBe(false);
    expect(checksOutgoingByDefault({ NODE_ENV: 'production' })).toBe(false);
    expect(checksOutgoingByDefault({ XIAOER_HUB_CHECK_OUTGOING: '1' })).toBe(true);
    expect(checksOutgoingByDefault({ VITEST: 'true', XIAOER_HUB_CHECK_OUTGOING: '0' })).toBe(false);
  });

  let hub: RunningHub | undefined;
  let agent: Socket | undefined;
  afterEach(async () => {
    agent?.close();
    await hub?.close();
    hub = undefined;
  });

  // A ticket the typed code could never build (an in-process caller bypassing the inbound schema):
  // with the check on, the unit that would send it fails and nothing of it is stored.
  const broken = (): Ticket => {
    const t = new TicketFactory(5, { media: false }).next(Date.now()).ticket;
    return { ...t, id: 'broken_1', priority: 9 as Ticket['priority'] };
  };

  async function hubWithAgentOnline(validateOutgoing?: boolean): Promise<RunningHub> {
    hub = await startHub({
      port: 0,
      logger: false,
      kbSeedDir: false,
      ...(validateOutgoing === undefined ? {} : { validateOutgoing }),
    });
    await hub.addAgents([{ id: 'a1', skills: [broken().intent], capacity: 5 }]);
    // an agent online, so the ticket is assigned and a ticket:assigned carrying it is sent
    agent = connect(hub.url, {
      auth: { token: hub.issueToken('a1').token, lastSeq: 0 },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve) => agent!.on('connect', () => resolve()));
    await hub.core.idle();
    return hub;
  }

  it('fails the unit that would send an invalid event, in a test hub', async () => {
    const h = await hubWithAgentOnline();
    await expect(h.core.escalate(broken())).rejects.toThrow(/hub produced an invalid ticket:assigned/);
    expect(await h.store.getTicket('broken_1')).toBeUndefined();
  });

  it('lets the same event through with the check off (what a production hub does)', async () => {
    const h = await hubWithAgentOnline(false);
    await h.core.escalate(broken());
    expect((await h.store.getTicket('broken_1'))?.assignedTo).toBe('a1');
  });
});
