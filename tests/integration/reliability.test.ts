// Nothing lost, nothing doubled — with real processes: the hub CLI and a workstation core, a TCP proxy
// between them. Each scenario ends with every outcome the workstation reported saved stored once at the hub.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compareOutcomes,
  freePort,
  startHubProcess,
  startProxy,
  startWorkstationProcess,
  waitFor,
  type LinkProxy,
  type Proc,
  type WorkstationProc,
} from '../../scripts/soak/harness';

/** The issue asks for a 60 s outage; XIAOER_OUTAGE_MS shortens it for a quick local run. */
const OUTAGE_MS = Number(process.env['XIAOER_OUTAGE_MS'] ?? 60_000);

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-rel-'));
  // The hub keeps a disconnected agent's tickets longer than the longest outage here (the design's
  // grace period); past it, tickets are re-routed and a late close becomes a visible sync conflict.
  const hubOptions = { port: await freePort(), db: join(dir, 'hub.db'), seed: 5, rate: 120, graceMs: OUTAGE_MS + 60_000 };
  let hub: Proc = await startHubProcess(hubOptions);
  const proxy: LinkProxy = await startProxy(hubOptions.port);
  // The agent spends 2 s on each ticket, so there is always open work when the link goes down.
  const wsOptions = { hubUrl: proxy.url, dataDir: join(dir, 'ws'), journal: join(dir, 'journal.ndjson'), handleMs: 2000 };
  let workstation: WorkstationProc = startWorkstationProcess(wsOptions);
  cleanup.push(
    () => workstation.kill(),
    () => hub.kill(),
    () => proxy.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const journaled = () => compareOutcomes(wsOptions.journal, hubOptions.db).outcomes;
  return {
    proxy,
    hubOptions,
    get hub() {
      return hub;
    },
    get workstation() {
      return workstation;
    },
    async restartHub() {
      await hub.kill();
      hub = await startHubProcess(hubOptions);
    },
    async restartWorkstation() {
      await workstation.kill();
      workstation = startWorkstationProcess(wsOptions);
    },
    journaled,
    async settle() {
      // The agent stops taking new work (a restart that handles nothing new), so no close can land
      // between the last "nothing pending" and the comparison; what they did must still all arrive.
      await workstation.kill('SIGTERM');
      workstation = startWorkstationProcess({ ...wsOptions, handleMs: 3_600_000 });
      await waitFor(() => workstation.status().pending === 0 && workstation.status().phase === 'online', 60_000, 'the outbox to drain');
      const conflicts = workstation.status().conflicts;
      await workstation.kill('SIGTERM');
      expect(conflicts).toBe(0); // nothing refused: every close was the agent's to make
      return compareOutcomes(wsOptions.journal, hubOptions.db);
    },
  };
}

describe('reliability with real processes', () => {
  it('kill -9 of the workstation with outcomes pending: all delivered once after restart', async () => {
    const s = await setup();
    await waitFor(() => s.journaled() >= 2, 30_000, 'first outcomes');
    s.proxy.block(true); // the hub is out of reach: closes pile up in the outbox
    const before = s.journaled();
    // A reply alone also counts as pending; wait for a close saved offline, so the kill hits an outcome.
    await waitFor(() => s.journaled() > before && s.workstation.status().pending > 0, 30_000, 'pending outcomes');
    await s.restartWorkstation(); // SIGKILL with the outbox non-empty
    s.proxy.block(false);
    const result = await s.settle();
    expect(result.outcomes).toBeGreaterThan(2);
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  }, 120_000);

  it('hub killed and restarted mid-stream: all delivered once', async () => {
    const s = await setup();
    await waitFor(() => s.journaled() >= 2, 30_000, 'first outcomes');
    await s.restartHub();
    await waitFor(() => s.journaled() >= 6, 40_000, 'outcomes after the restart');
    await s.restartHub();
    const result = await s.settle();
    expect(result.outcomes).toBeGreaterThanOrEqual(6);
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  }, 150_000);

  it(`an outage of ${OUTAGE_MS / 1000} s during active work: all delivered once`, async () => {
    const s = await setup();
    await waitFor(() => s.journaled() >= 2, 30_000, 'first outcomes');
    s.proxy.block(true);
    const before = s.journaled();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(s.workstation.status().phase).toBe('offline');
    expect(s.journaled()).toBeGreaterThan(before); // the agent kept closing tickets offline
    s.proxy.block(false);
    const result = await s.settle();
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  }, OUTAGE_MS + 120_000);
});
