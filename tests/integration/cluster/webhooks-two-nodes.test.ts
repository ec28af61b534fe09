// Webhooks with two hub nodes on one Redis: conversations escalated through either node's /v1 and
// worked by an agent on one of them reach the platform's receiver once each, in per-conversation seq
// order, sent only by the node holding the timer lease (the other node's dispatcher stays idle).
import { describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { IntegrationClient } from '../../../src/integration-client';
import { escalationBody, integration, receiverFor } from '../../support/integration';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { connectAs, until } from '../hub/helpers';
import { clusterFixture } from './nodes';

if (!redisAvailable()) console.warn(`cluster webhook tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('webhooks from two hub nodes', () => {
  const cluster = clusterFixture();

  it('every event arrives once, in order, sent by the lease holder only', async () => {
    const hubs = await cluster.nodes(2);
    const [a, b] = hubs as [RunningHub, RunningHub];
    const { client: viaA, key } = await integration(a);
    const viaB = new IntegrationClient({ baseUrl: b.url, apiKey: key });
    const rx = await receiverFor(viaA);
    const agent = await connectAs(a, 'agent8');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const made = await (i % 2 ? viaB : viaA).escalate(
        escalationBody({ intent: { name: 'coupon_inquiry', confidence: 0.9 } }),
        `two-nodes-${i}`,
      );
      if (!made.ok) throw new Error(made.error.message);
      ids.push(made.data.conversationId);
    }
    for (const id of ids) {
      await agent.waitFor('ticket:assigned', (p) => p.ticket.id === id, 15_000);
      await agent.ok('ticket:accept', { ticketId: id, idempotencyKey: `acc-${id}` });
      for (let r = 0; r < 3; r++)
        await agent.ok('ticket:reply', {
          ticketId: id,
          clientMsgId: `${id}-r${r}`,
          body: { kind: 'text', text: `第${r + 1}条回复` },
        });
    }
    // per conversation: handoff.accepted + 3 agent.message
    await until(async () => rx.events.length >= ids.length * 4, 20_000, 'every webhook delivered');
    for (const id of ids) {
      const seqs = rx.events.filter((e) => e.conversationId === id).map((e) => e.seq);
      expect(seqs).toEqual([1, 2, 3, 4]);
    }
    expect(rx.duplicates).toBe(0);
    // a node counts a delivery once its acknowledgement is stored, just after the receiver has it
    const delivered = () => a.webhooks!.stats.delivered + b.webhooks!.stats.delivered;
    await until(async () => delivered() >= ids.length * 4, 20_000, 'every delivery acknowledged');
    const [leader, other] = a.cluster!.leader ? [a, b] : [b, a];
    expect(other.cluster!.leader).toBe(false);
    expect(leader.webhooks!.stats.delivered).toBe(ids.length * 4);
    expect(other.webhooks!.stats.delivered).toBe(0);
    agent.close();
    await rx.down();
  });
});
