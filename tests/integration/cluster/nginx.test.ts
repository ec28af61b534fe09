// Three hub nodes behind a real nginx, with the site configuration the README documents (read from it,
// tests/support/nginx.ts): sign-in over HTTP through nginx, websocket sessions spread over the nodes,
// an escalation posted to /v1 through nginx reaching an agent whose socket is on another node, and the
// agent's node killed (SIGKILL) — the workstation's sync client reconnects through nginx to a live node
// and resumes from its seq: every event once, in order, none lost, none doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startHubNodeProcess, type Proc } from '../../../scripts/soak/harness';
import { addIntegration } from '../../../src/hub/integration/keys';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { SyncClient } from '../../../src/main/core/sync/sync-client';
import { INTEGRATION_SCOPES } from '../../../src/shared/integration-api';
import type { ServerEventName } from '../../../src/shared/hub-protocol';
import { escalationBody } from '../../support/integration';
import {
  NGINX_MISSING,
  UPSTREAM_HEADER,
  nginxAvailable,
  startNginx,
  type RunningNginx,
} from '../../support/nginx';
import { REDIS_MISSING, redisAvailable, startRedis, type RunningRedis } from '../../support/redis';
import { PASSWORD, TestClient, until } from '../hub/helpers';

const ready = redisAvailable() && nginxAvailable();
if (!redisAvailable()) console.warn(`nginx cluster test skipped: ${REDIS_MISSING}`);
if (!nginxAvailable()) console.warn(`nginx cluster test skipped: ${NGINX_MISSING}`);

const SECRET = 'nginx-cluster-secret-0123456789';
const NODES = ['hub1', 'hub2', 'hub3'];

/** The node that answered, from nginx's $upstream_addr (every upstream tried, the last one answered). */
function servedBy(res: Response, ports: number[]): string {
  const addr = res.headers.get(UPSTREAM_HEADER)?.split(', ').pop() ?? '';
  const i = ports.indexOf(Number(addr.split(':').pop()));
  if (i < 0) throw new Error(`no upstream in the answer (${UPSTREAM_HEADER}: ${addr})`);
  return NODES[i]!;
}

describe.skipIf(!ready)('three hub nodes behind nginx', () => {
  let redis: RunningRedis;
  let nginx: RunningNginx;
  let store: RedisHubStore;
  let dir: string;
  const ports: number[] = [];
  const nodes: Proc[] = [];
  const prefix = `ng${Date.now().toString(36)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xiaoer-nginx-cluster-'));
    redis = await startRedis({ appendfsync: 'everysec' });
    for (let i = 0; i < NODES.length; i++) ports.push(await freePort());
    nodes.push(
      ...(await Promise.all(
        NODES.map((node, i) =>
          startHubNodeProcess({
            port: ports[i]!,
            redis: redis.url,
            prefix,
            node,
            secret: SECRET,
            logFile: join(dir, `${node}.log`),
          }),
        ),
      )),
    );
    nginx = await startNginx(ports);
    store = await RedisHubStore.connect({ url: redis.url, prefix });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await nginx?.stop();
    await Promise.all(nodes.map((n) => n.kill()));
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Which node each user's sockets are on, from the cluster's shared presence. */
  async function presence(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const field of Object.keys(await store.client.hGetAll(store.keys.presence))) {
      const [user, node] = field.split('\u0001') as [string, string];
      if (!NODES.includes(node)) continue; // a moved-aside entry of an earlier run
      out.set(user, [...(out.get(user) ?? []), node]);
    }
    return out;
  }

  async function signIn(username: string): Promise<{ token: string; node: string }> {
    const res = await fetch(`${nginx.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status, nginx.errors()).toBe(200);
    return { token: ((await res.json()) as { token: string }).token, node: servedBy(res, ports) };
  }

  it('signs in, spreads sessions, delivers across nodes and survives the agent’s node being killed', async () => {
    const key = (
      await store.atomically(() => addIntegration(store.integration, 'nginx-test', INTEGRATION_SCOPES))
    ).key;
    const escalate = async (n: number): Promise<{ id: string; node: string }> => {
      const res = await fetch(`${nginx.url}/v1/escalations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': `ng-${n}`,
        },
        body: JSON.stringify(escalationBody({ externalConversationId: `ng-conv-${n}` })),
      });
      const body = (await res.json()) as { conversationId?: string };
      expect(res.status, JSON.stringify(body)).toBeLessThan(300);
      return { id: body.conversationId!, node: servedBy(res, ports) };
    };

    // Sign-in over HTTP through nginx; the answers come from more than one node.
    const agent8 = await signIn('agent8');
    const others = [await signIn('agent2'), await signIn('agent5')];
    expect(new Set([agent8, ...others].map((s) => s.node)).size).toBeGreaterThan(1);

    // agent8 works through the workstation's own sync client (websocket only, resumes from its cursor);
    // two colleagues on a break (routing passes them by) hold sessions too.
    const applied: Array<{ name: ServerEventName; seq: number; ticketId?: string }> = [];
    let last = 0;
    const client = new SyncClient({
      hubUrl: nginx.url,
      token: agent8.token,
      cursor: {
        lastSeq: () => last,
        applyAtomically: (name, ev) => {
          const p = ev as { seq: number; ticket?: { id: string } };
          applied.push({ name, seq: ev.seq, ...(p.ticket ? { ticketId: p.ticket.id } : {}) });
          last = ev.seq;
        },
      },
    });
    const colleagues = others.map((s) => new TestClient(nginx.url, { token: s.token, status: 'away' }));
    try {
      client.connect();
      await Promise.all(colleagues.map((c) => c.connected()));
      await until(() => client.currentPhase === 'online', 20_000, 'agent8 online through nginx');
      let where = new Map<string, string[]>();
      await until(
        async () => (where = await presence()).size === 3,
        10_000,
        'three sessions in the shared presence',
      );
      const sessionNodes = [...where.values()].flat();
      expect(new Set(sessionNodes).size, `sessions on ${sessionNodes.join(', ')}`).toBeGreaterThan(1);
      const home = where.get('agent8')![0]!;

      // Escalations through nginx until one is served by a node other than agent8's: it still reaches them.
      const tickets: string[] = [];
      let crossNode = false;
      for (let n = 1; n <= 6 && !crossNode; n++) {
        const e = await escalate(n);
        tickets.push(e.id);
        crossNode = e.node !== home;
        await until(() => applied.some((a) => a.ticketId === e.id), 15_000, `ticket ${n} assigned to agent8`);
      }
      expect(crossNode).toBe(true);

      // agent8's node dies; more escalations meanwhile (nginx passes them to the live nodes).
      const seqBefore = last;
      await nodes[NODES.indexOf(home)]!.kill('SIGKILL');
      for (let n = 11; n <= 13; n++) tickets.push((await escalate(n)).id);
      await until(
        () => tickets.every((id) => applied.some((a) => a.ticketId === id)),
        30_000,
        'every ticket after the kill reached agent8',
      );
      expect(client.currentPhase).toBe('online');
      await until(
        async () => ((await presence()).get('agent8') ?? []).some((n) => n !== home),
        10_000,
        'agent8 on another node',
      );
      expect(last).toBeGreaterThan(seqBefore);

      // nothing lost, nothing doubled: seqs 1…N once each, every ticket assigned exactly once
      expect(applied.map((a) => a.seq)).toEqual(applied.map((_, i) => i + 1));
      const assigned = applied.filter((a) => a.name === 'ticket:assigned').map((a) => a.ticketId);
      expect(assigned.sort()).toEqual([...tickets].sort());
    } finally {
      client.disconnect();
      for (const c of colleagues) c.close();
    }
  }, 180_000);
});
