import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../src/shared/api';
import { MessageSchema, TicketSchema } from '../../../src/shared/domain';
import { INTENT_IDS, INTENTS } from '../../../src/shared/intents';
import { clientCommandSchemas, serverEventSchemas } from '../../../src/shared/hub-protocol';
import { parseInput } from '../../../src/shared/result';
import { ticket } from '../../support/fixtures';

describe('domain schemas', () => {
  it('accept a complete ticket', () => {
    expect(TicketSchema.safeParse(ticket()).success).toBe(true);
  });

  it('accept every message kind and refuse an unknown one', () => {
    const base = { id: 'm1', ticketId: 't1', from: 'customer', at: 1 };
    const kinds = [
      { kind: 'text', text: '你好' },
      { kind: 'image', url: 'data:image/svg+xml;base64,AA==' },
      { kind: 'voice', url: 'data:audio/wav;base64,AA==', durationSec: 3, transcript: '快递到哪了' },
      { kind: 'coupon_card', coupon: { id: 'c1', title: '满199减20', amount: 20, threshold: 199, expiresAt: 5 } },
      { kind: 'system', event: 'escalated', text: '已转人工' },
    ];
    for (const k of kinds) expect(MessageSchema.safeParse({ ...base, ...k }).success).toBe(true);
    expect(MessageSchema.safeParse({ ...base, kind: 'video', url: 'x' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...base, kind: 'text', text: '' }).success).toBe(false);
  });

  it('refuse a ticket with a bad intent, priority or missing customer', () => {
    expect(TicketSchema.safeParse({ ...ticket(), intent: 'teleport' }).success).toBe(false);
    expect(TicketSchema.safeParse({ ...ticket(), priority: 9 }).success).toBe(false);
    const { customer: _omit, ...noCustomer } = ticket();
    expect(TicketSchema.safeParse(noCustomer).success).toBe(false);
  });

  it('cover at least 20 intents across five categories', () => {
    expect(INTENT_IDS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.values(INTENTS).map((i) => i.category)).size).toBe(5);
  });
});

describe('protocol tables', () => {
  it('require a positive seq on every server event', () => {
    for (const [name, schema] of Object.entries(serverEventSchemas)) {
      expect(schema.safeParse({ seq: 0 }).success, name).toBe(false);
      expect(schema.safeParse({}).success, name).toBe(false);
    }
  });

  it('give every client command at least one role', () => {
    for (const [name, c] of Object.entries(clientCommandSchemas)) expect(c.roles.length, name).toBeGreaterThan(0);
  });

  it('turn a bad API input into a BAD_REQUEST naming the field', () => {
    const r = parseInput(apiMethods['tickets.get'].input, { ticketId: 42 }, 'input for tickets.get');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toContain('ticketId');
    }
  });
});
