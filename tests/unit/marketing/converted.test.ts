// `order:converted` from the hub, applied by the sync path, records a 'converted' marketing event
// against the recommendation that was sent, once, however often the hub replays it.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
import { ConflictStore } from '../../../src/main/core/conflicts/conflict-store';
import { Catalog } from '../../../src/main/core/marketing/catalog';
import { MarketingService } from '../../../src/main/core/marketing/marketing-service';
import { MarketingStore } from '../../../src/main/core/marketing/marketing-store';
import { MarketingRulesFileSchema } from '../../../src/main/core/marketing/rules';
import { applyHubEvent } from '../../../src/main/core/tickets/apply-hub-event';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { ticket } from '../../support/fixtures';
import { readFileSync } from 'node:fs';

describe('order:converted', () => {
  it('records a conversion for the sent recommendation, idempotently, and ignores unattributable ones', () => {
    const db = openDatabase(':memory:');
    const tickets = new TicketStore(db);
    const conflicts = new ConflictStore(db);
    const store = new MarketingStore(db);
    const service = new MarketingService({
      store,
      tickets,
      catalog: Catalog.load(),
      rules: MarketingRulesFileSchema.parse(
        JSON.parse(readFileSync('resources/assist/marketing-rules.json', 'utf8')),
      ),
      reply: () => {
        throw new Error('not used');
      },
    });
    tickets.upsertTicket(ticket({ id: 't1' }));
    store.add({
      ticketId: 't1',
      recommendationId: 'rec-1',
      kind: 'coupon',
      source: 'local_rules',
      event: 'sent',
      ref: 'm1',
      at: 1,
    });
    const stores = { tickets, conflicts, onConverted: service.converted.bind(service) };
    const event = { seq: 1, ticketId: 't1', orderId: 'O9', amount: 199 };

    const notices = tickets.transaction(() => applyHubEvent(stores, 'order:converted', event));
    expect(notices).toEqual([{ event: 'tickets.changed', payload: { ticketId: 't1' } }]);
    expect(tickets.transaction(() => applyHubEvent(stores, 'order:converted', { ...event, seq: 2 }))).toEqual(
      [],
    );
    const unattributable = { ...event, seq: 3, ticketId: 'other' };
    expect(applyHubEvent(stores, 'order:converted', unattributable)).toEqual([]);
    expect(service.events('t1').map((e) => [e.recommendationId, e.event])).toEqual([
      ['rec-1', 'sent'],
      ['rec-1', 'converted'],
    ]);
    db.close();
  });
});
