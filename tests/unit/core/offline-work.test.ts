// With no hub at all, everything the agent does locally works and queues for later delivery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { ticket } from '../../support/fixtures';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function offlineCore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-offline-'));
  dirs.push(dataDir);
  const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
  // A session that signed in earlier and is now cut off: the agent is known, the hub is not reachable.
  core.tickets.setState(
    'session',
    JSON.stringify({
      hubUrl: 'http://127.0.0.1:9',
      token: 'x'.repeat(32),
      expiresAt: Date.now() + 3_600_000,
      agent: { id: 'agent1', name: '小王', role: 'agent', skills: ['tracking'], capacity: 5 },
    }),
  );
  return { core, dataDir };
}

describe('offline work', () => {
  it('replies, tags, notes, drafts and closes while offline; all of it survives a restart', async () => {
    const { core, dataDir } = offlineCore();
    await core.close();
    const again = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    const t = ticket({ id: 'offline-1' });
    again.tickets.upsertTicket(t);
    const call = (m: string, i: unknown) => again.router.dispatch(m, i);

    expect(await call('tickets.saveDraft', { ticketId: t.id, draft: '亲，正在为您' })).toMatchObject({ ok: true });
    expect(await call('tickets.setLocal', { ticketId: t.id, tags: ['物流延误'], note: '顺丰已催件', priority: 1 })).toMatchObject({
      ok: true,
      data: { priority: 1, tags: ['物流延误'] },
    });
    expect(await call('tickets.reply', { ticketId: t.id, body: { kind: 'text', text: '亲，已为您催促快递' } })).toMatchObject({ ok: true });
    const closed = await call('tickets.close', { ticketId: t.id, resolution: 'resolved' });
    expect(closed).toMatchObject({ ok: true, data: { outcome: { note: '顺丰已催件', tags: ['物流延误'], messagesSent: 1 } } });
    expect(again.outbox.pendingCount()).toBe(2);
    await again.close();

    const restarted = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    expect(restarted.outbox.pendingCount()).toBe(2);
    expect(restarted.outbox.outbox.head()?.command).toBe('ticket:reply');
    expect(await restarted.router.dispatch('tickets.close', { ticketId: t.id, resolution: 'resolved' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await restarted.close();
  });

  it('orders nothing away: the triage score explains each queued ticket', async () => {
    const { core } = offlineCore();
    core.tickets.upsertTicket(ticket({ id: 'calm', intent: 'invoice', sentiment: { label: 'neutral', score: 0 } }));
    core.tickets.upsertTicket(ticket({ id: 'angry', intent: 'quality_complaint', sentiment: { label: 'negative', score: -0.9 } }));
    const list = await core.router.dispatch('tickets.list', {});
    expect(list.ok).toBe(true);
    const byId = Object.fromEntries((list.ok ? (list.data as { id: string; triage: { score: number } }[]) : []).map((s) => [s.id, s]));
    expect(byId['angry']!.triage.score).toBeGreaterThan(byId['calm']!.triage.score);
    await core.close();
  });
});
