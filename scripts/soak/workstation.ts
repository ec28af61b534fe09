// The workstation side of the soak: a real XiaoerCore that signs in, answers and closes every ticket it
// is given, and journals each outcome once `tickets.close` has returned — i.e. once the agent would have
// seen it saved. The soak kills this process with SIGKILL at random moments and starts it again.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { XiaoerCore } from '../../src/main/core/app-core';
import type { TicketSummary } from '../../src/shared/api';

const { values } = parseArgs({
  options: {
    hub: { type: 'string' },
    data: { type: 'string' },
    journal: { type: 'string' },
    user: { type: 'string', default: 'agent1' },
    password: { type: 'string', default: 'xiaoer123' },
    /** How long the agent works on a ticket before closing it; > 0 keeps tickets open across an outage. */
    'handle-ms': { type: 'string', default: '0' },
  },
});
if (!values.hub || !values.data || !values.journal)
  throw new Error('usage: --hub URL --data DIR --journal FILE');

const core = new XiaoerCore({ dataDir: values.data, shell: 'browser' });
const journal = openSync(values.journal, 'a');

function record(line: object): void {
  writeSync(journal, `${JSON.stringify(line)}\n`);
  fsyncSync(journal);
}

// The soak reads these lines (harness.ts); printed from the start, so a workstation still signing in
// shows as `signed_out` rather than as a process that never answered.
setInterval(() => {
  const s = core.session.state();
  process.stdout.write(
    `${JSON.stringify({ pending: core.outbox.pendingCount(), phase: s.phase, conflicts: core.outbox.conflicts().length, node: core.session.sync?.currentUrl ?? null, lastError: s.lastError })}\n`,
  );
}, 250);

async function signIn(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await core.session.login(values.hub!, values.user!, values.password!);
      return;
    } catch (err) {
      process.stderr.write(
        `${new Date().toISOString()} sign-in attempt ${attempt} failed: ${(err as Error).message}\n`,
      );
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

// A hub restarted with a new signing secret refuses the old token: sign in again, keep the cursor.
core.events.subscribe((event, payload) => {
  const state = payload as { phase?: string; lastError?: string | null };
  if (
    event === 'session.changed' &&
    state.phase === 'offline' &&
    /token|unauthori[sz]ed/i.test(state.lastError ?? '')
  ) {
    void signIn();
  }
});

// A restart with a stored, unexpired session reconnects with it (as the app does); only a first start
// signs in. (The phase is `signed_out` until start() either way, so it cannot tell the two apart.)
if (core.session.hubUrl) core.start();
else await signIn();

const handleMs = Number(values['handle-ms']);
const firstSeen = new Map<string, number>();
let busy = false;
async function work(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const list = await core.router.dispatch('tickets.list', {});
    const open = list.ok ? (list.data as TicketSummary[]) : [];
    const now = Date.now();
    for (const t of open) if (!firstSeen.has(t.id)) firstSeen.set(t.id, now);
    const due = open.filter((t) => now - firstSeen.get(t.id)! >= handleMs);
    for (const t of due.slice(0, 3)) {
      const reply = await core.router.dispatch('tickets.reply', {
        ticketId: t.id,
        body: { kind: 'text', text: '亲，已经为您处理好了，请查收～' },
      });
      if (!reply.ok) continue;
      const closed = await core.router.dispatch('tickets.close', {
        ticketId: t.id,
        resolution: 'resolved',
        note: 'soak',
      });
      if (closed.ok) {
        const { outcome } = closed.data as { outcome: { idempotencyKey: string; ticketId: string } };
        record({ key: outcome.idempotencyKey, ticketId: outcome.ticketId });
      }
    }
  } finally {
    busy = false;
  }
}

setInterval(() => void work(), 150);
process.on('SIGTERM', () => {
  closeSync(journal);
  void core.close().then(() => process.exit(0));
});
