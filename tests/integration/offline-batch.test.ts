// Pure offline triage: the platform exports an agent's open tickets; a workstation that has never been
// online imports the file, triages and closes tickets; when the agent signs in, the results sync once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src/hub/index';
import { XiaoerCore } from '../../src/main/core/app-core';
import type { TicketExport } from '../../src/shared/ticket-export';
import { startSimulator } from '../support/simulator';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const until = async (check: () => Promise<boolean> | boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function exportFor(hub: RunningHub, agentId: string): Promise<TicketExport> {
  const res = await fetch(`${hub.url}/api/tickets/export`, {
    headers: { authorization: `Bearer ${hub.issueToken(agentId).token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as TicketExport;
}

describe('offline triage from an exported batch', () => {
  it('imports, reports bad entries, closes offline and syncs on sign-in', async () => {
    const hub = await startHub({ port: 0, logger: false });
    cleanup.push(() => hub.close());
    const sim = await startSimulator(hub, { seed: 3, rate: 0, kbEditEverySec: 0, firstTicketDelayMs: -1 });
    cleanup.push(() => sim.stop());
    for (let i = 0; i < 3; i++) await sim.escalateOne('tracking');
    // agent1 must be online once for routing to hand them tickets; a second workstation does that.
    const dirA = mkdtempSync(join(tmpdir(), 'xiaoer-a-'));
    const online = new XiaoerCore({ dataDir: dirA, shell: 'browser', model: null });
    cleanup.push(() => rmSync(dirA, { recursive: true, force: true }));
    await online.session.login(hub.url, 'agent1', 'xiaoer123');
    await until(() => online.tickets.listOpen().length >= 3);
    await online.close();

    const file = await exportFor(hub, 'agent1');
    expect(file.tickets.length).toBeGreaterThanOrEqual(3);
    const withBadEntry = { ...file, tickets: [...file.tickets, { id: 'broken', intent: 'teleport' }] };

    const dirB = mkdtempSync(join(tmpdir(), 'xiaoer-b-'));
    cleanup.push(() => rmSync(dirB, { recursive: true, force: true }));
    const offline = new XiaoerCore({ dataDir: dirB, shell: 'browser', model: null });
    const call = (m: string, i: unknown) => offline.router.dispatch(m, i);
    const report = await call('tickets.importBatch', {
      name: 'export.json',
      contentBase64: Buffer.from(JSON.stringify(withBadEntry)).toString('base64'),
    });
    expect(report).toMatchObject({
      ok: true,
      data: { imported: file.tickets.length, errors: [{ index: file.tickets.length, ticketId: 'broken' }] },
    });
    expect(
      await call('tickets.importBatch', {
        name: 'x.json',
        contentBase64: Buffer.from('{"nope":1}').toString('base64'),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });

    // by path too (Electron hands the core the file, not its bytes): already here, nothing doubled
    writeFileSync(join(dirB, 'export.json'), JSON.stringify(file));
    expect(await call('tickets.importBatch', { path: join(dirB, 'export.json') })).toMatchObject({
      ok: true,
      data: { imported: 0, alreadyHere: file.tickets.length },
    });

    const [first, second] = file.tickets;
    for (const t of [first!, second!]) {
      expect(
        await call('tickets.reply', {
          ticketId: t.id,
          body: { kind: 'text', text: '已为您登记，稍后专人跟进' },
        }),
      ).toMatchObject({ ok: true });
      expect(
        await call('tickets.close', { ticketId: t.id, resolution: 'resolved', note: '离线分拣' }),
      ).toMatchObject({ ok: true });
    }
    expect(offline.outbox.pendingCount()).toBe(4);

    await offline.session.login(hub.url, 'agent1', 'xiaoer123');
    await until(() => offline.outbox.pendingCount() === 0);
    for (const t of [first!, second!]) expect((await hub.store.getTicketHead(t.id))?.status).toBe('resolved');
    expect(offline.outbox.conflicts()).toEqual([]);
    await offline.close();
  });
});
