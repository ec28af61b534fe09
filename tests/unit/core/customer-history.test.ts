// Offline, a returning customer's earlier tickets still come from this workstation's own store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { textMessage, ticket } from '../../support/fixtures';

describe('tickets.customerHistory without a hub', () => {
  it('lists this machine’s other tickets of the same customer, newest first, with what they asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-history-'));
    const core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
    try {
      const now = Date.now();
      const current = ticket({ id: 'h-now', createdAt: now });
      const older = ticket({
        id: 'h-old',
        createdAt: now - 86_400_000,
        status: 'resolved',
        intent: 'refund_progress',
        customer: current.customer,
        messages: [textMessage('h-old', '退款什么时候到账？电话13812345678', { at: now - 86_400_000 })],
      });
      const stranger = ticket({ id: 'h-other', createdAt: now - 1000 });
      for (const t of [current, older, stranger]) core.tickets.upsertTicket(t);

      const r = await core.router.dispatch('tickets.customerHistory', { ticketId: 'h-now' });
      expect(r).toMatchObject({
        ok: true,
        data: {
          source: 'local',
          tickets: [{ id: 'h-old', intent: 'refund_progress', status: 'resolved', outcome: null }],
        },
      });
      // the stored copy is the redacted one: history shows no personal data it does not need
      expect((r as { data: { tickets: { opener: string }[] } }).data.tickets[0]!.opener).toBe('退款什么时候到账？电话[手机号1]');
      expect(await core.router.dispatch('tickets.customerHistory', { ticketId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
