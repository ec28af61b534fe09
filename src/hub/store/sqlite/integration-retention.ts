// Retention of the integration API's records on SQLite, the same windows as on Redis (where the keys
// expire, redis/integration-conversations.ts): a conversation's inbound-event dedup records go
// INBOUND_RETAIN_MS after its latest inbound event (integration_conversations.last_inbound_at, set with
// each event), a closed conversation's record CONVERSATION_RETAIN_MS after its ticket closed
// (closed_at, set by the ticket update that closes it), and its webhook outbox with it. A closed
// conversation whose outbox still has a pending delivery (an endpoint retrying, or disabled with its
// queue kept — dispatcher.ts drops nothing) keeps its outbox and its record until the last one is
// delivered or its endpoint deleted: Redis likewise keeps such an outbox until it is delivered, and
// the dispatcher needs the outbox row to send. The next pass after that removes both (Redis lets the
// outbox live OUTBOX_RETAIN_MS more, but its record is gone by then, so nothing can replay it there
// either). An agent message's delivery report goes MESSAGE_DELIVERY_RETAIN_MS after its `at`.
// Rows have no expiry of their own here, so the
// hub runs prune() on its timer (integration/retention.ts), one bounded step per serial unit.
import type Database from 'better-sqlite3';
import { CONVERSATION_RETAIN_MS, INBOUND_RETAIN_MS, MESSAGE_DELIVERY_RETAIN_MS } from '../integration-types';
import type { RetentionStep } from '../types';

export interface IntegrationRetention {
  /** How long a conversation's inbound dedup records are kept after its last event (INBOUND_RETAIN_MS). */
  inboundRetainMs?: number;
  /** How long a closed conversation's record is kept after the close (CONVERSATION_RETAIN_MS). */
  conversationRetainMs?: number;
  /** How long a message delivery report is kept after its `at` (MESSAGE_DELIVERY_RETAIN_MS). */
  messageDeliveryRetainMs?: number;
}

/** Rows one statement deletes at most: a step stays short, however much is due at once. */
export const PRUNE_BATCH = 1000;

export class SqliteIntegrationRetention {
  private readonly inboundRetainMs: number;
  private readonly conversationRetainMs: number;
  private readonly messageDeliveryRetainMs: number;
  private readonly st;

  constructor(
    db: Database.Database,
    retain: IntegrationRetention = {},
    private readonly batch = PRUNE_BATCH,
  ) {
    this.inboundRetainMs = retain.inboundRetainMs ?? INBOUND_RETAIN_MS;
    this.conversationRetainMs = retain.conversationRetainMs ?? CONVERSATION_RETAIN_MS;
    this.messageDeliveryRetainMs = retain.messageDeliveryRetainMs ?? MESSAGE_DELIVERY_RETAIN_MS;
    // inbound_events is WITHOUT ROWID: a bounded delete names its rows by primary key
    const eventsOf = (where: string) => `
      DELETE FROM inbound_events WHERE (conversation_id, event_id) IN (
        SELECT e.conversation_id, e.event_id FROM integration_conversations c
        JOIN inbound_events e ON e.conversation_id = c.id WHERE ${where} LIMIT ?)`;
    const noEventsLeft = 'NOT EXISTS (SELECT 1 FROM inbound_events e WHERE e.conversation_id = c.id)';
    // webhook_deliveries_conversation (migration 10)
    const nonePending = 'NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.conversation_id = c.id)';
    const noOutboxLeft = 'NOT EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.conversation_id = c.id)';
    this.st = {
      quietEvents: db.prepare(eventsOf('c.last_inbound_at <= ?')),
      closedEvents: db.prepare(eventsOf('c.closed_at <= ?')),
      // only once none is left, so a step that stopped at the batch size resumes where it stopped
      forgetInbound: db.prepare(`
        UPDATE integration_conversations SET last_inbound_at = NULL WHERE id IN (
          SELECT c.id FROM integration_conversations c WHERE c.last_inbound_at <= ? AND ${noEventsLeft} LIMIT ?)`),
      // webhook_outbox is WITHOUT ROWID too
      closedOutbox: db.prepare(`
        DELETE FROM webhook_outbox WHERE (conversation_id, seq) IN (
          SELECT o.conversation_id, o.seq FROM integration_conversations c
          JOIN webhook_outbox o ON o.conversation_id = c.id WHERE c.closed_at <= ? AND ${nonePending} LIMIT ?)`),
      closedConversations: db.prepare(`
        DELETE FROM integration_conversations WHERE id IN (
          SELECT c.id FROM integration_conversations c
          WHERE c.closed_at <= ? AND ${noEventsLeft} AND ${nonePending} AND ${noOutboxLeft} LIMIT ?)`),
      // message_deliveries_at (migration 10)
      messageDeliveries: db.prepare(`
        DELETE FROM message_deliveries WHERE message_id IN (
          SELECT message_id FROM message_deliveries WHERE at <= ? LIMIT ?)`),
    };
  }

  /**
   * One bounded step (each statement at most `batch` rows); `more` = a statement was cut at the
   * batch size, so the caller runs another step. Must run inside a unit (the hub's serial queue).
   */
  prune(now: number): RetentionStep {
    let more = false;
    const run = (statement: Database.Statement, before: number): number => {
      const n = statement.run(before, this.batch).changes;
      if (n >= this.batch) more = true;
      return n;
    };
    const quietBefore = now - this.inboundRetainMs;
    const closedBefore = now - this.conversationRetainMs;
    // a closed conversation's dedup records go with its record, even if it received an event lately
    const inboundEvents = run(this.st.quietEvents, quietBefore) + run(this.st.closedEvents, closedBefore);
    run(this.st.forgetInbound, quietBefore);
    // the outbox before the record, which goes only once none of it is left
    const outbox = run(this.st.closedOutbox, closedBefore);
    const conversations = run(this.st.closedConversations, closedBefore);
    const messageDeliveries = run(this.st.messageDeliveries, now - this.messageDeliveryRetainMs);
    return { inboundEvents, conversations, outbox, messageDeliveries, more };
  }
}
