// The audit trail through the real core and router: reveals, closes and sign-ins are recorded, chained,
// and carry no customer PII.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { ticket } from '../../support/fixtures';

let core: XiaoerCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('audit through the core API', () => {
  it('records a PII reveal and a failed sign-in, with no PII in the trail', async () => {
    core = new XiaoerCore({
      dataDir: mkdtempSync(join(tmpdir(), 'xe-audit-')),
      shell: 'browser',
      model: null,
    });
    const t = ticket({ id: 't-audit' });
    core.tickets.upsertTicket(t);

    const reveal = await core.router.dispatch('audit.piiRevealed', { ticketId: t.id, field: 'phone' });
    expect(reveal).toEqual({ ok: true, data: { seq: 1 } });
    expect((await core.router.dispatch('audit.piiRevealed', { ticketId: '' })).ok).toBe(false);

    // Nothing listens on this port: the login fails and the failure is still audited.
    await core.router.dispatch('session.login', {
      hubUrl: 'http://127.0.0.1:9/path?token=secret',
      username: 'agent-7',
      password: 'wrong',
    });

    const entries = core.audit.entries();
    expect(entries.map((e) => [e.kind, e.subject, e.detail])).toEqual([
      ['pii.revealed', t.id, { field: 'phone' }],
      ['session.login', null, { hub: 'http://127.0.0.1:9', outcome: expect.any(String) }],
    ]);
    expect(entries[1]!.actor).toBe('agent-7');
    const trail = JSON.stringify(entries);
    for (const v of [t.customer.phone, t.customer.name, t.customer.address, 'secret', 'wrong'])
      expect(trail).not.toContain(v);
    expect(core.audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });
});
