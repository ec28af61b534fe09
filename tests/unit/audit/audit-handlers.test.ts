import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../src/main/core/api/router';
import { withAudit } from '../../../src/main/core/audit/audit-handlers';
import { AuditLog } from '../../../src/main/core/audit/audit-log';
import { openDatabase } from '../../../src/main/core/db/database';

describe('withAudit', () => {
  it('records a ticket close only once the close succeeded', async () => {
    const audit = new AuditLog(openDatabase(':memory:'));
    let fail = true;
    const close = () => {
      if (fail) throw new Error('ticket already closed');
      return { outcome: { agentId: 'a-1' } };
    };
    const handlers = withAudit(audit, () => 'a-1', {
      'tickets.close': close,
    } as unknown as Omit<ApiHandlers, 'audit.piiRevealed'>);
    const input = { ticketId: 't-9', resolution: 'solved', note: '', tags: [] } as never;
    await expect(handlers['tickets.close'](input)).rejects.toThrow(/already closed/);
    expect(audit.entries()).toHaveLength(0);
    fail = false;
    await handlers['tickets.close'](input);
    expect(audit.entries()).toMatchObject([
      { kind: 'ticket.closed', actor: 'a-1', subject: 't-9', detail: { resolution: 'solved' } },
    ]);
  });
});
