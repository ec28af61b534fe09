/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions, not the type system */
// The simulator, a client of the hub's integration API, against a real hub (first ticket fast,
// customers answer, deliveries reported, conversions, KB edits), and the hub CLI.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { TicketSchema } from '../../../src/shared/domain';
import { startSimulator } from '../../support/simulator';
import { connectAs, testHub, until } from './helpers';

describe('simulator on a live hub', () => {
  it('escalates a first ticket soon after it starts; customers answer; deliveries are reported; coupons convert', async () => {
    const hub = await testHub({ kbSeedDir: false });
    const agent = await connectAs(hub, 'agent8');
    const sim = await startSimulator(hub, {
      seed: 9,
      rate: 0,
      replyDelayMs: [100, 200],
      conversionChance: 1,
      kbEditEverySec: 0,
      nudgeAfterMs: 0,
      lateActionDelayMs: [50, 100],
    });
    try {
      // The simulator escalates 800 ms after it starts, over HTTP.
      const first = await agent.waitFor('ticket:assigned', () => true, 10_000);
      expect(TicketSchema.safeParse(first.ticket).success).toBe(true);
      expect(first.ticket.messages.length).toBeGreaterThanOrEqual(3);
      const ticketId = first.ticket.id as string;

      await agent.ok('ticket:reply', {
        ticketId,
        clientMsgId: 'r1',
        body: { kind: 'text', text: '您好，我是人工客服，马上为您处理' },
      });
      const answer = await agent.waitFor(
        'ticket:message',
        (p) => p.ticketId === ticketId && p.message.from === 'customer',
      );
      expect(['text', 'image', 'voice']).toContain(answer.message.kind);
      // the simulated channel reports the agent's message delivered
      const sent = (await hub.store.lastMessages(ticketId, 50)).find((m) => m.clientMsgId === 'r1')!;
      await until(async () => (await hub.store.integration!.getMessageDelivery(sent.id))?.status === 'delivered');

      const coupon = {
        id: 'cp1',
        title: '满100减10',
        amount: 10,
        threshold: 100,
        expiresAt: Date.now() + 86_400_000,
      };
      await agent.ok('ticket:reply', { ticketId, clientMsgId: 'r2', body: { kind: 'coupon_card', coupon } });
      const conv = await agent.waitFor('order:converted', (p) => p.ticketId === ticketId, 10_000);
      expect(conv.amount).toBeGreaterThan(0);
      expect(sim.stats.conversions).toBe(1);
      expect(sim.stats.failures).toBe(0);
    } finally {
      agent.close();
      await sim.stop();
      await hub.close();
    }
  });

  it('publishes knowledge edits as new versions', async () => {
    const hub = await testHub();
    const sim = await startSimulator(hub, { seed: 2, rate: 0, kbEditEverySec: 0, firstTicketDelayMs: -1 });
    try {
      const v = await hub.store.kbVersion();
      expect(await sim.editKnowledge()).toBe(v + 1);
      const delta = await hub.store.kbSince(v);
      expect(delta.docs).toHaveLength(1);
      expect(delta.docs[0]!.body).toMatch(/> 更新（\d{4}-\d{2}-\d{2}）：/);
    } finally {
      await sim.stop();
      await hub.close();
    }
  });
});

describe('CLI', () => {
  it('prints exactly one ready line with the real port and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/hub/cli.ts',
        '--port',
        '0',
        '--log',
        'warn',
      ],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    const ready = new Promise<string>((resolve, reject) => {
      rl.on('line', (l) => {
        lines.push(l);
        resolve(l);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const line = await ready;
    const m = /^hub listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    expect(m).not.toBeNull();
    const health = await fetch(`http://127.0.0.1:${m![1]}/api/health`);
    expect(((await health.json()) as any).data.status).toBe('ok');
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(lines).toEqual([line]);
  }, 30_000);

  it('--help explains the options', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    await new Promise((r) => child.once('exit', r));
    for (const flag of ['--port', '--db', 'add NAME --scopes', '/v1/openapi.json', 'xiaoer123'])
      expect(out).toContain(flag);
  }, 30_000);
});
