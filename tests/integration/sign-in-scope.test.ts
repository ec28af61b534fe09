// Local data belongs to one (hub, user): another user or hub never sees it, what a user left unsynced
// stays theirs and is delivered when they sign in again, and "sign out and clear" never loses work.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubWithSimulator, type HubWithSimulator } from '../support/simulator';
import { XiaoerCore } from '../../src/main/core/app-core';
import { openDatabase } from '../../src/main/core/db/database';
import { FileKeyProvider } from '../../src/main/core/crypto/key-provider';
import { PiiCipher } from '../../src/main/core/crypto/pii-cipher';
import { TicketStore } from '../../src/main/core/tickets/ticket-store';
import { ticket } from '../support/fixtures';

const PASSWORD = 'xiaoer123';
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

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function hubAt(port: number, dbPath: string, seed: number): Promise<HubWithSimulator> {
  return startHubWithSimulator({
    port,
    dbPath,
    seed,
    simulate: { rate: 0, kbEditEverySec: 0 },
    logger: false,
  });
}

describe('local data per (hub, user)', () => {
  it('keeps each sign-in’s tickets, drafts and queued closes to itself and delivers them on return', async () => {
    const hubDir = tempDir('xiaoer-hubs-');
    let hubA = await hubAt(0, join(hubDir, 'a.db'), 3);
    const portA = hubA.port;
    const hubB = await hubAt(0, join(hubDir, 'b.db'), 4);
    cleanup.push(() => hubB.close());
    const core = new XiaoerCore({ dataDir: tempDir('xiaoer-ws-'), shell: 'browser', model: null });
    cleanup.push(() => core.close());
    const call = (m: string, i: unknown) => core.router.dispatch(m, i);

    await core.session.login(hubA.url, 'agent1', PASSWORD);
    for (let i = 0; i < 3; i++) await hubA.simulator.escalateOne('tracking');
    await until(() => core.tickets.listOpen().length >= 3);
    const mine = core.tickets.listOpen().map((t) => t.id);
    const [closed, drafted] = mine;

    // Hub A goes away; agent1 keeps working and leaves it unsynced.
    await hubA.close();
    await until(() => core.session.state().phase === 'offline');
    expect(await call('tickets.saveDraft', { ticketId: drafted, draft: '亲，稍等我查一下' })).toMatchObject({
      ok: true,
    });
    expect(
      await call('tickets.close', { ticketId: closed, resolution: 'resolved', note: '已补发' }),
    ).toMatchObject({
      ok: true,
    });
    expect(core.outbox.pendingCount()).toBe(1);
    // Clearing now would lose that close and the draft: refused, with the reason.
    const refused = await call('session.logout', { clear: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/not yet delivered.*draft/);
    // …and as a code the screen words in the agent's language.
    expect(refused).toMatchObject({
      error: { text: { code: 'session.unsynced', params: { pending: 1, conflicts: 0, drafts: 1 } } },
    });
    await call('session.logout', {});

    // Another hub, same user: none of hub A's work.
    await core.session.login(hubB.url, 'agent1', PASSWORD);
    expect(core.session.state()).toMatchObject({
      hubUrl: hubB.url,
      agent: { id: 'agent1' },
      outboxPending: 0,
    });
    expect((await call('tickets.list', {})) as { data: unknown[] }).toMatchObject({ ok: true, data: [] });
    for (const id of mine) expect(await call('tickets.get', { ticketId: id })).toMatchObject({ ok: false });
    await call('session.logout', {});

    // Someone else on that hub: nothing either; and the login form remembers the hub.
    await core.session.login(hubB.url, 'lead1', PASSWORD);
    expect(core.tickets.listOpen()).toEqual([]);
    expect(await call('sync.conflicts', {})).toMatchObject({ ok: true, data: [] });
    const out = (await call('session.logout', {})) as { data: { lastHubUrl: string | null; agent: unknown } };
    expect(out.data).toMatchObject({ agent: null, lastHubUrl: hubB.url });

    // Hub A returns; agent1 signs in there again: the draft is back and the close is delivered once.
    hubA = await hubAt(portA, join(hubDir, 'a.db'), 3);
    cleanup.push(() => hubA.close());
    await core.session.login(hubA.url, 'agent1', PASSWORD);
    expect(core.tickets.localWork(drafted!).draft).toBe('亲，稍等我查一下');
    await until(() => core.outbox.pendingCount() === 0);
    expect((await hubA.store.getTicketHead(closed!))?.status).toBe('resolved');
    expect(core.outbox.conflicts()).toEqual([]);

    // Everything synced (and the draft sent away): now clearing is allowed and removes the file.
    await call('tickets.saveDraft', { ticketId: drafted, draft: '' });
    // agent1@A was the first sign-in on this machine, so it took the data folder's xiaoer.db.
    const dataDir = core.options.dataDir;
    const before = readdirSync(join(dataDir, 'workspaces')).filter((f) => f.endsWith('.db'));
    expect(existsSync(join(dataDir, 'xiaoer.db'))).toBe(true);
    expect(await call('session.logout', { clear: true })).toMatchObject({ ok: true, data: { agent: null } });
    expect(existsSync(join(dataDir, 'xiaoer.db'))).toBe(false);
    expect(existsSync(join(dataDir, 'xiaoer.db-wal'))).toBe(false);
    const after = readdirSync(join(dataDir, 'workspaces')).filter((f) => f.endsWith('.db'));
    expect(after.filter((f) => !before.includes(f))).toHaveLength(1); // a fresh, unowned one
    // agent1 on hub B and lead1 keep theirs.
    expect(before.every((f) => after.includes(f))).toBe(true);
  });

  it('hands a database from before scoping only to the agent its tickets were assigned to', async () => {
    const hubDir = tempDir('xiaoer-hubs-');
    const hub = await hubAt(0, join(hubDir, 'a.db'), 5);
    cleanup.push(() => hub.close());
    const dataDir = tempDir('xiaoer-legacy-');
    // The old layout: one xiaoer.db, signed out, holding agent1's tickets.
    const db = openDatabase(join(dataDir, 'xiaoer.db'));
    const legacy = new TicketStore(db, new PiiCipher(new FileKeyProvider(dataDir).loadKeysSync()));
    legacy.upsertTicket(ticket({ id: 'old-1', assignedTo: 'agent1' }));
    legacy.setState('session', '');
    db.close();

    const core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    cleanup.push(() => core.close());
    await core.session.login(hub.url, 'lead1', PASSWORD);
    expect(core.tickets.get('old-1')).toBeUndefined();
    await core.session.logout();
    await core.session.login(hub.url, 'agent1', PASSWORD);
    expect(core.tickets.get('old-1')?.id).toBe('old-1');
    expect(existsSync(join(dataDir, 'xiaoer.db'))).toBe(true); // kept in place, now agent1's
  });
});
