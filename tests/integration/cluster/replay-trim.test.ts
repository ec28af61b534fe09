// Bounded Redis state: each user's replay stream is trimmed to its retention as events are appended,
// idempotent command answers expire, and a workstation whose cursor is older than what the stream
// still holds is brought up to date by a `session:snapshot` instead of a replay — ending with exactly
// the tickets the hub says it holds, and live again after it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/hub/index';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { StoreConflictError } from '../../../src/hub/store/types';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { TicketFactory } from '../../../src/simulator/factory';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { PASSWORD, connectAs, until } from '../hub/helpers';
import { SECRET, clusterFixture } from './nodes';

if (!redisAvailable()) console.warn(`replay trim tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('bounded Redis state', () => {
  const cluster = clusterFixture();

  it('trims each replay stream to its retention; what is kept still replays in seq order', async () => {
    const store = await RedisHubStore.connect({
      url: cluster.redis.url,
      prefix: `t${randomUUID().slice(0, 8)}`,
      replayRetain: 20,
    });
    try {
      await store.atomically(async () => {
        for (let v = 1; v <= 300; v++) await store.appendEvent('u1', 'kb:changed', { version: v }, v);
      });
      await store.appendEvent('u2', 'kb:changed', { version: 1 }, 1);
      const len = await store.client.xLen(store.keys.stream('u1'));
      expect(len).toBeGreaterThanOrEqual(20); // at least the retention is kept
      expect(len).toBeLessThan(300); // whole stream nodes (100 entries by default) went
      const kept = await store.eventsAfter('u1', 0, 1000);
      expect(kept.length).toBe(len);
      const first = kept[0]!.seq;
      expect(first).toBeGreaterThan(1);
      expect(kept.map((e) => e.seq)).toEqual(Array.from({ length: len }, (_, i) => first + i));
      expect(kept.at(-1)!.payload).toMatchObject({ seq: 300, version: 300 });
      expect(await store.headSeq('u1')).toBe(300);
      // another user's stream is not touched
      expect((await store.eventsAfter('u2', 0, 10)).map((e) => e.seq)).toEqual([1]);
    } finally {
      await store.close();
    }
  });

  it('stores idempotent command answers with an expiry, still claimed once', async () => {
    const store = await RedisHubStore.connect({
      url: cluster.redis.url,
      prefix: `t${randomUUID().slice(0, 8)}`,
      commandAnswerTtlMs: 60_000,
    });
    try {
      await store.atomically(() => store.putCommandResult('agent1', 'ticket:reply', 'k1', { ok: 1 }, 0));
      const keys = await store.client.keys(`${store.keys.prefix}:cmd:*`);
      expect(keys).toHaveLength(1);
      const ttl = await store.client.pTTL(keys[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await store.getCommandResult('agent1', 'ticket:reply', 'k1')).toEqual({ ok: 1 });
      await expect(
        store.atomically(() => store.putCommandResult('agent1', 'ticket:reply', 'k1', { ok: 2 }, 0)),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getCommandResult('agent1', 'ticket:reply', 'k1')).toEqual({ ok: 1 });
      // an answer stored before answers expired (one field of the old hash) still counts
      await store.client.hSet(store.keys.commands, 'agent1\u0001ticket:reply\u0001old', '{"old":true}');
      expect(await store.getCommandResult('agent1', 'ticket:reply', 'old')).toEqual({ old: true });
      await expect(
        store.atomically(() => store.putCommandResult('agent1', 'ticket:reply', 'old', {}, 0)),
      ).rejects.toBeInstanceOf(StoreConflictError);
    } finally {
      await store.close();
    }
  });

  it('lets a conversation outbox expire once nothing in it is left to deliver, and not before', async () => {
    const store = await RedisHubStore.connect({
      url: cluster.redis.url,
      prefix: `t${randomUUID().slice(0, 8)}`,
      outboxRetainMs: 60_000,
    });
    const int = store.integration;
    try {
      await int.insertIntegration({ id: 'int_1', name: 'shop', createdAt: 1, revokedAt: null });
      for (const id of ['wh_1', 'wh_2'])
        await int.insertEndpoint({
          id,
          integrationId: 'int_1',
          url: 'http://127.0.0.1:9/',
          secrets: [],
          createdAt: 1,
          disabledAt: null,
          disabledReason: null,
        });
      await int.insertConversation({
        id: 'cv_1',
        integrationId: 'int_1',
        externalId: 'ext-1',
        createdAt: 1,
        ackedSeq: 0,
        metadata: {},
      });
      const append = () =>
        store.atomically(() =>
          int.appendOutbox(
            'cv_1',
            'int_1',
            'agent.message',
            (seq) => ({ id: `m${seq}`, type: 'agent.message', conversationId: 'cv_1', seq }) as never,
            1,
          ),
        );
      const ttl = () => store.client.pTTL(store.keys.int('ob', 'cv_1'));
      await append();
      await append();
      expect(await ttl()).toBe(-1); // pending for both endpoints: kept
      await int.deliveryDone('wh_1', 'cv_1', 1);
      await int.deliveryDone('wh_1', 'cv_1', 2);
      await int.deliveryDone('wh_2', 'cv_1', 1);
      expect(await ttl()).toBe(-1); // wh_2 still has seq 2 to deliver
      await int.deliveryDone('wh_2', 'cv_1', 2);
      const left = await ttl();
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60_000);
      expect((await int.outboxAfter('cv_1', 0, 10)).map((r) => r.seq)).toEqual([1, 2]); // still readable
      await append(); // something new to deliver: kept again, seq continues
      expect(await ttl()).toBe(-1);
      expect((await int.outboxAfter('cv_1', 0, 10)).map((r) => r.seq)).toEqual([1, 2, 3]);
    } finally {
      await store.close();
    }
  });

  it('brings a workstation whose cursor was trimmed away up to date with a snapshot, then live', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const hubOn = async (port = 0, node = 'a'): Promise<RunningHub> =>
      startHub({
        port,
        logger: false,
        tokenSecret: SECRET,
        kbSeedDir: false,
        store: await RedisHubStore.connect({ url: cluster.redis.url, prefix, replayRetain: 5 }),
        node,
      });
    // small stream nodes, so a few dozen events are enough to trim (Redis trims whole nodes)
    const admin = await RedisHubStore.connect({ url: cluster.redis.url, prefix });
    await admin.client.configSet('stream-node-max-entries', '10');
    let a: RunningHub | undefined = await hubOn();
    let b: RunningHub | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-trim-ws-'));
    const ws = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    const f = new TicketFactory(12, { media: false });
    try {
      await ws.session.login(a.url, 'agent8', PASSWORD);
      await until(() => ws.session.state().phase === 'online', 20_000, 'workstation online');
      const kept = f.next(Date.now(), 'tracking');
      const moved = f.next(Date.now(), 'tracking');
      await a.core.escalate(kept.ticket);
      await a.core.escalate(moved.ticket);
      await until(() => ws.tickets.listOpen().length === 2, 10_000, 'both tickets on the workstation');
      const cursor = ws.tickets.lastSeq();

      // the workstation's node goes away; on another node agent8 works on without it
      const port = Number(new URL(a.url).port);
      await a.close();
      a = undefined;
      b = await hubOn(0, 'b');
      const agent8 = await connectAs(b, 'agent8', { lastSeq: cursor });
      const agent5 = await connectAs(b, 'agent5');
      const t = await agent8.cmd('ticket:transfer', {
        ticketId: moved.ticket.id,
        idempotencyKey: 'move-1',
        toAgentId: 'agent5',
        reason: '换人处理',
      });
      expect(t.ok).toBe(true);
      // agent5 steps away, so the new ticket is agent8's (with equal loads routing could pick either)
      expect((await agent5.cmd('agent:status', { status: 'away' })).ok).toBe(true);
      const fresh = f.next(Date.now(), 'tracking');
      await b.core.escalate(fresh.ticket);
      for (let i = 0; i < 40; i++)
        await b.core.customerMessage(kept.ticket.id, { kind: 'text', text: `第${i}条` });
      await agent8.waitFor('ticket:message', (p) => p.message.text === '第39条', 15_000);
      const store = b.store as RedisHubStore;
      const oldest = (await store.eventsAfter('agent8', 0, 1))[0]!.seq;
      expect(oldest).toBeGreaterThan(cursor + 1); // what the workstation missed is partly gone
      expect((await store.getTicketHead(fresh.ticket.id))?.assignedTo).toBe('agent8');
      const head = await store.headSeq('agent8');
      agent8.close();
      agent5.close();

      // the workstation's address is served again: it resumes from its old cursor
      const c = await hubOn(port, 'c');
      a = c;
      await until(() => ws.tickets.lastSeq() >= head, 30_000, 'the workstation caught up');
      const open = () =>
        ws.tickets
          .listOpen()
          .map((s) => s.id)
          .sort();
      expect(open()).toEqual([kept.ticket.id, fresh.ticket.id].sort());
      const hasText = (text: string) =>
        ws.tickets.get(kept.ticket.id)!.messages.some((m) => m.kind === 'text' && m.text === text);
      expect(hasText('第39条')).toBe(true);
      expect(ws.tickets.lastSeq()).toBe(head);
      // and live from there: the next event is applied in order
      await c.core.customerMessage(kept.ticket.id, { kind: 'text', text: '快照之后' });
      await until(() => ws.tickets.lastSeq() === head + 1, 15_000, 'live after the snapshot');
      expect(hasText('快照之后')).toBe(true);
    } finally {
      await ws.close();
      await a?.close();
      await b?.close();
      await admin.client.configSet('stream-node-max-entries', '100');
      await admin.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
