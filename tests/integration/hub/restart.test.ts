// A hub on a file database restarts (clean close, and a kill without close): tokens stay valid, the
// replay log and seq continue, and the seeded simulator carries on without reusing ticket ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub } from '../../../src/hub/index';
import { startSimulator } from '../../support/simulator';
import { TestClient, connectAs, login, testStore } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'xiaoer-hub-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restart on the same database', () => {
  it('keeps tokens, seq and ticket ids consistent', async () => {
    const dbPath = join(dir, 'hub.db');
    const opts = {
      port: 0,
      logger: false as const,
      dbPath,
      kbSeedDir: false as const,
    };
    const simOpts = { seed: 12, rate: 0, kbEditEverySec: 0, nudgeAfterMs: 0, firstTicketDelayMs: -1 };
    // on Redis the second hub opens the same key prefix: the same state, a new process' view of it
    const prefix = `restart-${Date.now()}`;
    const first = await startHub({ ...opts, ...withStore(await testStore(prefix)) });
    const token = (await login(first, 'agent8')).body.token as string;
    const a = await connectAs(first, 'agent8');
    const sim1 = await startSimulator(first, simOpts);
    await sim1.escalateOne('tracking');
    const { ticketId: second_ } = await sim1.escalateOne('invoice');
    await a.waitFor('ticket:assigned', (p) => p.ticket.id === second_);
    const seqBefore = Math.max(...a.seqs());
    a.close();
    await sim1.stop();
    await first.close();

    const second = await startHub({ ...opts, ...withStore(await testStore(prefix)) });
    try {
      const b = new TestClient(second.url, { token, lastSeq: seqBefore });
      await b.connected(); // the old token still verifies
      // A new simulator run with the same seed: its first two tickets are recognised by their
      // Idempotency-Keys (replayed answers), so the scenario carries on with the third.
      const sim2 = await startSimulator(second, simOpts);
      const { ticketId } = await sim2.escalateOne('tracking');
      await sim2.stop();
      expect((await second.store.integration!.getConversation(ticketId))?.externalId).toMatch(/^tk_c_3_/);
      const ev = await b.waitFor('ticket:assigned', (p) => p.ticket.id === ticketId);
      expect(ev.seq).toBe(seqBefore + 1);
      expect((await second.store.listTicketHeads({})).length).toBe(3);
      b.close();
    } finally {
      await second.close();
    }
  });
});

function withStore(store: Awaited<ReturnType<typeof testStore>>) {
  return store ? { store } : {};
}
