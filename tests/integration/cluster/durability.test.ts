// Durability: with the persistence the hub requires (AOF, appendfsync always) a kill -9 of Redis loses
// no acknowledged change and the hub carries on once Redis is back; weaker settings are reported at
// start (CONFIG GET) with what they would lose.
import { describe, expect, it } from 'vitest';
import { TicketFactory } from '../../../src/simulator/factory';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { REDIS_MISSING, redisAvailable, startRedis } from '../../support/redis';
import { connectAs } from '../hub/helpers';
import { closeAll, startNodes } from './nodes';

if (!redisAvailable()) console.warn(`durability tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('Redis persistence', () => {
  it('loses no acknowledged escalation or event when Redis is killed -9 (appendfsync always)', async () => {
    const redis = await startRedis({ appendfsync: 'always' });
    const hubs = await startNodes(redis, 2);
    const [hub, other] = hubs as [(typeof hubs)[0], (typeof hubs)[0]];
    try {
      const f = new TicketFactory(5, { media: false });
      const agent = await connectAs(hub, 'agent8');
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const g = f.next(Date.now(), 'tracking');
        await hub.core.escalate(g.ticket); // acknowledged = committed
        ids.push(g.ticket.id);
      }
      const head = await hub.store.headSeq('agent8');
      await redis.kill();
      await redis.restart();
      const heads = await hub.store.listTicketHeads({});
      expect(heads.map((h) => h.id).sort()).toEqual([...ids].sort());
      expect(await hub.store.headSeq('agent8')).toBe(head);
      expect((await hub.store.eventsAfter('agent8', 0, 1000)).map((e) => e.seq)).toEqual(
        Array.from({ length: head }, (_, i) => i + 1),
      );
      // the hub goes on where it was: the next event continues the seq, live to the same socket
      await hub.core.customerMessage(ids[0]!, { kind: 'text', text: '重启后' });
      expect(await hub.store.headSeq('agent8')).toBe(head + 1);
      const ev = await agent.waitFor('ticket:message', (p) => p.message.text === '重启后');
      expect(ev.seq).toBe(head + 1);
      // and the other node's fan-out subscription came back with Redis: its event arrives live too
      await other.core.customerMessage(ids[0]!, { kind: 'text', text: '另一节点' });
      const ev2 = await agent.waitFor('ticket:message', (p) => p.message.text === '另一节点', 15_000);
      expect(ev2.seq).toBe(head + 2);
      agent.close();
    } finally {
      await closeAll(hubs);
      await redis.stop();
    }
  });

  it('reports weaker persistence settings at start', async () => {
    for (const [opts, expected] of [
      [{ appendfsync: 'always' as const }, null],
      [{ appendfsync: 'everysec' as const }, /everysec.*about the last second/],
      [{ appendonly: false }, /without AOF/],
    ] as const) {
      const redis = await startRedis(opts);
      const store = await RedisHubStore.connect({ url: redis.url });
      try {
        const d = await store.durability();
        if (expected === null) expect(d.warning).toBeNull();
        else expect(d.warning).toMatch(expected);
      } finally {
        await store.close();
        await redis.stop();
      }
    }
  });

  it('checks that the AOF is rewritten (compacted) automatically', async () => {
    for (const [opts, expected] of [
      [{}, null],
      [{ aofRewritePercentage: 0 }, /never rewrites its AOF/],
    ] as const) {
      const redis = await startRedis(opts);
      const store = await RedisHubStore.connect({ url: redis.url });
      try {
        const d = await store.durability();
        expect(d.aofRewritePercentage).toBe('aofRewritePercentage' in opts ? '0' : '100');
        if (expected === null) expect(d.compactionWarning).toBeNull();
        else expect(d.compactionWarning).toMatch(expected);
      } finally {
        await store.close();
        await redis.stop();
      }
    }
  });
});
