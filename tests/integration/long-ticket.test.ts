// A long ticket through the real core and hub: the workstation stores the snapshot's recent part,
// pages the older part in on request (tickets.loadEarlier → ticket:messages) without counting it as
// unread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketFactory } from '../../src/simulator/factory';
import { XiaoerCore } from '../../src/main/core/app-core';
import type { Ticket } from '../../src/shared/domain';
import { MAX_TICKET_MESSAGES, SNAPSHOT_MESSAGES } from '../../src/shared/hub-protocol';
import { testHub, until } from './hub/helpers';
import { textMessage } from '../support/fixtures';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('long tickets on the workstation', () => {
  it('shows the recent part and loads earlier messages page by page', async () => {
    const hub = await testHub({ kbSeedDir: false });
    cleanup.push(() => hub.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-long-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    cleanup.push(() => core.close());
    await core.session.login(hub.url, 'agent8', 'xiaoer123');
    await until(() => core.session.sync?.currentPhase === 'online', 8000, 'online');

    const g = new TicketFactory(51, { media: false }).next(Date.now(), 'tracking');
    const t = g.ticket;
    t.aiActions = [];
    const total = 450;
    t.messages = Array.from({ length: total }, (_, i) =>
      textMessage(t.id, `第 ${i} 条`, { id: `${t.id}-m${i}`, at: t.createdAt + i }),
    );
    expect(total).toBeLessThan(MAX_TICKET_MESSAGES);
    await hub.core.escalate(t);
    await until(() => core.tickets.get(t.id) !== undefined, 8000, 'ticket arrives');

    const get = async () => {
      const r = await core.router.dispatch('tickets.get', { ticketId: t.id });
      if (!r.ok) throw new Error(r.error.message);
      return { data: r.data as Ticket & { earlierMessages?: number } };
    };
    const first = await get();
    expect(first.data.messages).toHaveLength(SNAPSHOT_MESSAGES);
    expect(first.data.earlierMessages).toBe(total - SNAPSHOT_MESSAGES);
    const unreadBefore = core.tickets.summary(t.id)!.unread;

    const page1 = await core.router.dispatch('tickets.loadEarlier', { ticketId: t.id });
    expect(page1).toEqual({
      ok: true,
      data: { added: SNAPSHOT_MESSAGES, earlierMessages: total - 2 * SNAPSHOT_MESSAGES },
    });
    const page2 = await core.router.dispatch('tickets.loadEarlier', { ticketId: t.id });
    expect(page2).toEqual({ ok: true, data: { added: total - 2 * SNAPSHOT_MESSAGES, earlierMessages: 0 } });
    const all = await get();
    expect(all.data.messages.map((m) => (m as { text: string }).text)).toEqual(
      Array.from({ length: total }, (_, i) => `第 ${i} 条`),
    );
    expect(all.data.earlierMessages).toBe(0);
    expect(core.tickets.summary(t.id)!.unread).toBe(unreadBefore);
  });

  it("follows a big knowledge delta page by page, waiting out the hub's pacing", async () => {
    const hub = await testHub({ kbSeedDir: false });
    cleanup.push(() => hub.close());
    const docs = Array.from({ length: 30 }, (_, i) => ({
      id: `big-${i}`,
      tier: 'general' as const,
      title: `长文档 ${i}`,
      body: '退换货政策说明。'.repeat(12_500),
      tags: [],
    }));
    const { version } = await hub.core.publishKbNow(docs);
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-kb-pages-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    cleanup.push(() => core.close());
    await core.session.login(hub.url, 'agent1', 'xiaoer123');
    // 30 pages of 100,000 characters: more than the per-user rate lets through at once
    await until(() => core.knowledge.stats().version === version, 30_000, 'knowledge synced');
    expect(core.knowledge.stats().docs).toBe(30);
  });
});
