// Integration API bench, in one run on one hub:
// 1. escalations per second through POST /v1/escalations (HTTP, key check, zod, idempotency row,
//    conversation row) vs the in-process HubCore.escalate path, same tickets, same concurrency;
// 2. webhook deliveries per second from the durable outbox (sign, POST, verify at a loopback receiver,
//    record) — live, and draining a backlog after the receiver was down — vs bare loopback POSTs of the
//    same bodies (no outbox, no signature) as the baseline.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHub } from '../src/hub/index';
import { addIntegration } from '../src/hub/integration/keys';
import { IntegrationClient, startWebhookReceiver } from '../src/integration-client';
import { toEscalation } from '../src/simulator/escalation';
import { TicketFactory } from '../src/simulator/factory';
import { INTEGRATION_SCOPES } from '../src/shared/integration-api';

const ESCALATIONS = Number(process.env.XIAOER_BENCH_ESCALATIONS ?? 1000);
const CONVERSATIONS = 100;
const REPLIES_PER_CONVERSATION = 10;
const CONCURRENCY = 16;

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000 * 10) / 10;

const benchHub = async () => {
  const hub = await startHub({
    port: 0,
    logger: false,
    kbSeedDir: false,
    snapshotMs: 600_000,
    integration: { rateLimit: { perSecond: 1e6, burst: 1e6 }, webhooks: { concurrency: CONCURRENCY } },
  });
  const { key } = await hub.core.serial(() =>
    addIntegration(hub.store.integration!, 'bench', INTEGRATION_SCOPES),
  );
  return { hub, client: new IntegrationClient({ baseUrl: hub.url, apiKey: key }) };
};

export async function runIntegrationBench(): Promise<Record<string, unknown>> {
  // ── 1. escalations: the same kind of generated tickets, each path on a fresh hub (equal queue sizes) ──
  const factory = new TicketFactory(21, { media: false });
  const inProcess = Array.from({ length: ESCALATIONS }, () => factory.next(Date.now()));
  const overHttp = Array.from({ length: ESCALATIONS }, () => factory.next(Date.now()));
  const bodyBytes = Math.round(
    overHttp.reduce((n, g) => n + JSON.stringify(toEscalation(g, 21)).length, 0) / overHttp.length,
  );
  const first = await benchHub();
  let t = performance.now();
  await pool(inProcess, CONCURRENCY, async (g) => void (await first.hub.core.escalate(g.ticket)));
  const inProcessMs = performance.now() - t;
  await first.hub.close();

  const second = await benchHub();
  let httpErrors = 0;
  let httpMs: number;
  try {
    t = performance.now();
    await pool(overHttp, CONCURRENCY, async (g) => {
      const r = await second.client.escalate(toEscalation(g, 21), g.ticket.id);
      if (!r.ok) httpErrors++;
    });
    httpMs = performance.now() - t;
  } finally {
    await second.hub.close();
  }

  // ── 2. webhooks, on a fresh hub: agent replies on conversations escalated over HTTP ──
  const { hub, client } = await benchHub();
  try {
    await hub.addAgents([{ id: 'bench-agent', capacity: 1000, skills: [] }]);
    hub.core.attach('bench-agent', { id: 'bench-sink', live: true, emit: () => undefined });
    const received: string[] = [];
    const secrets: string[] = [];
    const handled = new Set<string>();
    let receiver = await startWebhookReceiver({
      secrets: () => secrets,
      handled,
      onEvent: (e) => void received.push(e.id),
    });
    const made = await client.createWebhook(receiver.url);
    if (!made.ok) throw new Error(made.error.message);
    secrets.push(made.data.secret);
    const convs: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const g = factory.next(Date.now());
      const r = await client.escalate(toEscalation(g, 21), `wh-${g.ticket.id}`);
      if (r.ok) convs.push(r.data.conversationId);
      else process.stderr.write(`escalation failed: ${r.status} ${r.error.message}\n`);
    }
    const actor = { id: 'bench-agent', role: 'agent' as const, name: 'bench' };
    const waitAll = async (n: number, timeoutMs: number) => {
      const until = Date.now() + timeoutMs;
      while (received.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    };
    const replyRound = async (tag: string) => {
      const jobs = convs.flatMap((id) =>
        Array.from({ length: REPLIES_PER_CONVERSATION / 2 }, (_, k) => ({ id, k })),
      );
      await pool(jobs, CONCURRENCY, async ({ id, k }) => {
        await hub.core.reply(actor, {
          ticketId: id,
          clientMsgId: `${tag}-${id}-${k}`,
          body: { kind: 'text', text: `您好，第 ${k} 条回复，我们马上为您处理。` },
        });
      });
    };
    // the escalations' own events (conflicts raised on arrival) first, so each phase counts only its own
    const before = await outboxTotal(hub, convs);
    await waitAll(before, 60_000);
    // live: produced and delivered at the same time (the first reply also emits handoff.accepted)
    received.length = 0;
    t = performance.now();
    await replyRound('live');
    const liveTotal = (await outboxTotal(hub, convs)) - before;
    await waitAll(liveTotal, 120_000);
    const liveMs = performance.now() - t;
    const liveDelivered = received.length;

    // backlog: the receiver is down while the agent works, then comes back
    await receiver.close();
    await replyRound('backlog');
    const backlogTotal = (await outboxTotal(hub, convs)) - liveTotal - before;
    received.length = 0;
    receiver = await startWebhookReceiver({
      port: receiver.port,
      secrets: () => secrets,
      handled,
      onEvent: (e) => void received.push(e.id),
    });
    t = performance.now();
    hub.webhooks!.wake();
    // the failed attempts back off (5 s first); the endpoint's queue resumes at once on its first success
    await waitAll(backlogTotal, 180_000);
    const backlogMs = performance.now() - t;
    const backlogDelivered = received.length;

    // baseline: bare POSTs of the same bodies to a bare loopback server, same concurrency
    const bodies = (await hub.store.integration!.outboxAfter(convs[0]!, 0, 1000)).map((r) =>
      JSON.stringify(r.event),
    );
    const sample = Array.from({ length: liveTotal }, (_, i) => bodies[i % bodies.length]!);
    const bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    t = performance.now();
    await pool(sample, CONCURRENCY, async (body) => {
      const r = await fetch(bareUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await r.arrayBuffer();
    });
    const bareMs = performance.now() - t;
    bare.closeAllConnections();
    bare.close();
    await receiver.close();

    const rows = {
      escalationsInProcessPerSec: rate(ESCALATIONS, inProcessMs),
      escalationsHttpPerSec: rate(ESCALATIONS, httpMs),
      httpErrors,
      webhooksLivePerSec: rate(liveDelivered, liveMs),
      webhooksBacklogDrainPerSec: rate(backlogDelivered, backlogMs),
      bareLoopbackPostsPerSec: rate(sample.length, bareMs),
    };
    const table = [
      `Integration bench: ${ESCALATIONS} escalations per path (avg body ${bodyBytes} B, concurrency ${CONCURRENCY}); webhooks from ${CONVERSATIONS} conversations`,
      '',
      '| path | per second | n | ms |',
      '| --- | ---: | ---: | ---: |',
      `| escalations, in process (HubCore.escalate) — baseline | ${rows.escalationsInProcessPerSec} | ${ESCALATIONS} | ${Math.round(inProcessMs)} |`,
      `| escalations, POST /v1/escalations (key, zod, idempotency, conversation row) | ${rows.escalationsHttpPerSec} | ${ESCALATIONS} | ${Math.round(httpMs)} |`,
      `| ratio HTTP / in process | ${Math.round((rows.escalationsHttpPerSec / rows.escalationsInProcessPerSec) * 100) / 100} | | |`,
      `| webhooks, live (outbox → signed POST → verified; while replies are produced) | ${rows.webhooksLivePerSec} | ${liveDelivered}/${liveTotal} | ${Math.round(liveMs)} |`,
      `| webhooks, backlog drained after the receiver was down (incl. the first 5 s back-off) | ${rows.webhooksBacklogDrainPerSec} | ${backlogDelivered}/${backlogTotal} | ${Math.round(backlogMs)} |`,
      `| bare loopback POSTs of the same bodies (no outbox, no signature) — baseline | ${rows.bareLoopbackPostsPerSec} | ${sample.length} | ${Math.round(bareMs)} |`,
    ].join('\n');
    return { ...rows, bodyBytes, table };
  } finally {
    await hub.close();
  }
}

async function outboxTotal(hub: Awaited<ReturnType<typeof startHub>>, convs: string[]): Promise<number> {
  let n = 0;
  for (const id of convs) n += (await hub.store.integration!.outboxAfter(id, 0, 100_000)).length;
  return n;
}
