// The integration API's tables (migration 5): integrations and their hashed keys, webhook endpoints,
// conversations with their inbound cursor, deduplicated inbound events, the webhook outbox and its
// pending deliveries. Delivered rows are deleted; the outbox is kept for replay until its closed
// conversation is pruned (with it, once nothing is pending); dedup records, closed conversations and
// message delivery reports are pruned after their retention (integration-retention.ts).
import type Database from 'better-sqlite3';
import type { WebhookEvent, WebhookEventType } from '../../../shared/integration-api';
import type {
  ApiKeyRecord,
  DueDelivery,
  InboundEventRecord,
  IntegrationConversation,
  IntegrationRecord,
  IntegrationStore,
  MessageDeliveryRecord,
  OutboxRecord,
  WebhookEndpointRecord,
} from '../integration-types';

interface EndpointRow {
  id: string;
  integration_id: string;
  url: string;
  secrets: string;
  created_at: number;
  disabled_at: number | null;
  disabled_reason: string | null;
}

const toEndpoint = (r: EndpointRow): WebhookEndpointRecord => ({
  id: r.id,
  integrationId: r.integration_id,
  url: r.url,
  secrets: JSON.parse(r.secrets) as WebhookEndpointRecord['secrets'],
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
});

const toIntegration = (r: {
  id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}): IntegrationRecord => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at });

const toKey = (r: {
  id: string;
  integration_id: string;
  hash: string;
  scopes: string;
  created_at: number;
  revoked_at: number | null;
}): ApiKeyRecord => ({
  id: r.id,
  integrationId: r.integration_id,
  hash: r.hash,
  scopes: JSON.parse(r.scopes) as ApiKeyRecord['scopes'],
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export class SqliteIntegration implements IntegrationStore {
  private readonly st;

  constructor(db: Database.Database) {
    this.st = {
      insertIntegration: db.prepare(
        'INSERT INTO integrations (id, name, created_at, revoked_at) VALUES (?, ?, ?, ?)',
      ),
      getIntegration: db.prepare('SELECT * FROM integrations WHERE id = ?'),
      getIntegrationByName: db.prepare('SELECT * FROM integrations WHERE name = ?'),
      listIntegrations: db.prepare('SELECT * FROM integrations ORDER BY created_at, name'),
      revokeIntegration: db.prepare(
        'UPDATE integrations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      ),
      revokeKeys: db.prepare(
        'UPDATE integration_keys SET revoked_at = ? WHERE integration_id = ? AND revoked_at IS NULL',
      ),
      insertKey: db.prepare(
        'INSERT INTO integration_keys (id, integration_id, hash, scopes, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getKey: db.prepare('SELECT * FROM integration_keys WHERE id = ?'),
      listKeys: db.prepare('SELECT * FROM integration_keys WHERE integration_id = ? ORDER BY created_at'),
      insertEndpoint: db.prepare(
        'INSERT INTO webhook_endpoints (id, integration_id, url, secrets, created_at, disabled_at, disabled_reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getEndpoint: db.prepare('SELECT * FROM webhook_endpoints WHERE id = ?'),
      listEndpoints: db.prepare(
        'SELECT * FROM webhook_endpoints WHERE integration_id = ? ORDER BY created_at',
      ),
      enabledEndpointIds: db.prepare(
        'SELECT id FROM webhook_endpoints WHERE integration_id = ? AND disabled_at IS NULL',
      ),
      deleteEndpoint: db.prepare('DELETE FROM webhook_endpoints WHERE id = ?'),
      deleteEndpointDeliveries: db.prepare('DELETE FROM webhook_deliveries WHERE endpoint_id = ?'),
      pending: db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?'),
      insertConversation: db.prepare(
        'INSERT INTO integration_conversations (id, integration_id, external_id, created_at, acked_seq, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getConversation: db.prepare('SELECT * FROM integration_conversations WHERE id = ?'),
      setAcked: db.prepare('UPDATE integration_conversations SET acked_seq = ? WHERE id = ?'),
      bumpOutSeq: db.prepare(
        'UPDATE integration_conversations SET out_seq = out_seq + 1 WHERE id = ? RETURNING out_seq',
      ),
      getInbound: db.prepare('SELECT * FROM inbound_events WHERE conversation_id = ? AND event_id = ?'),
      inboundAtSeq: db.prepare('SELECT * FROM inbound_events WHERE conversation_id = ? AND seq = ?'),
      putInbound: db.prepare(
        `INSERT INTO inbound_events (conversation_id, event_id, seq, state, payload, result) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(conversation_id, event_id) DO UPDATE SET state = excluded.state, result = excluded.result`,
      ),
      // the conversation's dedup records are kept until INBOUND_RETAIN_MS after this (integration-retention.ts)
      touchInbound: db.prepare('UPDATE integration_conversations SET last_inbound_at = ? WHERE id = ?'),
      heldSeqs: db.prepare(
        "SELECT seq FROM inbound_events WHERE conversation_id = ? AND state = 'held' ORDER BY seq",
      ),
      insertOutbox: db.prepare(
        'INSERT INTO webhook_outbox (conversation_id, seq, id, type, payload, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertDelivery: db.prepare(
        'INSERT INTO webhook_deliveries (endpoint_id, conversation_id, seq, attempts, next_at) VALUES (?, ?, ?, 0, ?)',
      ),
      outboxAfter: db.prepare(
        'SELECT seq, payload FROM webhook_outbox WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      getOutbox: db.prepare('SELECT seq, payload FROM webhook_outbox WHERE conversation_id = ? AND seq = ?'),
      // The head of each (endpoint, conversation) queue: later events wait for it (per-conversation order).
      due: db.prepare(`
        SELECT d.endpoint_id, d.conversation_id, d.seq, d.attempts FROM webhook_deliveries d
        JOIN (SELECT endpoint_id, conversation_id, MIN(seq) AS seq FROM webhook_deliveries
              GROUP BY endpoint_id, conversation_id) h
          ON d.endpoint_id = h.endpoint_id AND d.conversation_id = h.conversation_id AND d.seq = h.seq
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
        WHERE d.next_at <= ? ORDER BY d.next_at, d.seq LIMIT ?`),
      // heads only: a later event queued behind a head that backs off is not sendable, and counting it
      // made the dispatcher wake at once, over and over, for as long as the head waited
      nextAt: db.prepare(`
        SELECT MIN(d.next_at) AS at FROM webhook_deliveries d
        JOIN (SELECT endpoint_id, conversation_id, MIN(seq) AS seq FROM webhook_deliveries
              GROUP BY endpoint_id, conversation_id) h
          ON d.endpoint_id = h.endpoint_id AND d.conversation_id = h.conversation_id AND d.seq = h.seq
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL`),
      done: db.prepare(
        'DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND conversation_id = ? AND seq = ?',
      ),
      retry: db.prepare(
        'UPDATE webhook_deliveries SET attempts = ?, next_at = ?, last_error = ? WHERE endpoint_id = ? AND conversation_id = ? AND seq = ?',
      ),
      resumeEndpoint: db.prepare(
        'UPDATE webhook_deliveries SET next_at = ? WHERE endpoint_id = ? AND attempts > 0 AND next_at > ?',
      ),
      putMessageDelivery: db.prepare(
        `INSERT INTO message_deliveries (message_id, conversation_id, status, reason, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(message_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, at = excluded.at`,
      ),
      getMessageDelivery: db.prepare('SELECT * FROM message_deliveries WHERE message_id = ?'),
    };
  }

  async insertIntegration(r: IntegrationRecord): Promise<void> {
    this.st.insertIntegration.run(r.id, r.name, r.createdAt, r.revokedAt);
  }
  async getIntegration(id: string) {
    const r = this.st.getIntegration.get(id) as Parameters<typeof toIntegration>[0] | undefined;
    return r ? toIntegration(r) : undefined;
  }
  async getIntegrationByName(name: string) {
    const r = this.st.getIntegrationByName.get(name) as Parameters<typeof toIntegration>[0] | undefined;
    return r ? toIntegration(r) : undefined;
  }
  async listIntegrations() {
    return (this.st.listIntegrations.all() as Parameters<typeof toIntegration>[0][]).map(toIntegration);
  }
  async revokeIntegration(id: string, at: number): Promise<void> {
    this.st.revokeIntegration.run(at, id);
    this.st.revokeKeys.run(at, id);
  }

  async insertApiKey(k: ApiKeyRecord): Promise<void> {
    this.st.insertKey.run(k.id, k.integrationId, k.hash, JSON.stringify(k.scopes), k.createdAt, k.revokedAt);
  }
  async getApiKey(id: string) {
    const r = this.st.getKey.get(id) as Parameters<typeof toKey>[0] | undefined;
    return r ? toKey(r) : undefined;
  }
  async listApiKeys(integrationId: string) {
    return (this.st.listKeys.all(integrationId) as Parameters<typeof toKey>[0][]).map(toKey);
  }

  async insertEndpoint(e: WebhookEndpointRecord): Promise<void> {
    this.st.insertEndpoint.run(
      e.id,
      e.integrationId,
      e.url,
      JSON.stringify(e.secrets),
      e.createdAt,
      e.disabledAt,
      e.disabledReason,
    );
  }
  async getEndpoint(id: string) {
    const r = this.st.getEndpoint.get(id) as EndpointRow | undefined;
    return r ? toEndpoint(r) : undefined;
  }
  async listEndpoints(integrationId: string) {
    return (this.st.listEndpoints.all(integrationId) as EndpointRow[]).map(toEndpoint);
  }
  async updateEndpoint(
    id: string,
    patch: Partial<Pick<WebhookEndpointRecord, 'secrets' | 'disabledAt' | 'disabledReason'>>,
  ): Promise<void> {
    const cur = await this.getEndpoint(id);
    if (!cur) return;
    const next = { ...cur, ...patch };
    this.st.deleteEndpoint.run(id);
    await this.insertEndpoint(next);
  }
  async deleteEndpoint(id: string): Promise<void> {
    this.st.deleteEndpointDeliveries.run(id);
    this.st.deleteEndpoint.run(id);
  }
  async pendingDeliveries(endpointId: string): Promise<number> {
    return (this.st.pending.get(endpointId) as { n: number }).n;
  }

  async insertConversation(c: IntegrationConversation): Promise<void> {
    this.st.insertConversation.run(
      c.id,
      c.integrationId,
      c.externalId,
      c.createdAt,
      c.ackedSeq,
      JSON.stringify(c.metadata),
    );
  }
  async getConversation(id: string): Promise<IntegrationConversation | undefined> {
    const r = this.st.getConversation.get(id) as
      | {
          id: string;
          integration_id: string;
          external_id: string;
          created_at: number;
          acked_seq: number;
          metadata: string;
        }
      | undefined;
    return r
      ? {
          id: r.id,
          integrationId: r.integration_id,
          externalId: r.external_id,
          createdAt: r.created_at,
          ackedSeq: r.acked_seq,
          metadata: JSON.parse(r.metadata) as IntegrationConversation['metadata'],
        }
      : undefined;
  }
  async setAckedSeq(conversationId: string, seq: number): Promise<void> {
    this.st.setAcked.run(seq, conversationId);
  }

  private toInbound(r: {
    conversation_id: string;
    event_id: string;
    seq: number;
    state: string;
    payload: string;
    result: string | null;
  }): InboundEventRecord {
    return {
      conversationId: r.conversation_id,
      eventId: r.event_id,
      seq: r.seq,
      state: r.state as InboundEventRecord['state'],
      payload: r.payload,
      result: r.result,
    };
  }
  async getInboundEvent(conversationId: string, eventId: string) {
    const r = this.st.getInbound.get(conversationId, eventId) as
      Parameters<typeof this.toInbound>[0] | undefined;
    return r ? this.toInbound(r) : undefined;
  }
  async inboundEventAtSeq(conversationId: string, seq: number) {
    const r = this.st.inboundAtSeq.get(conversationId, seq) as
      Parameters<typeof this.toInbound>[0] | undefined;
    return r ? this.toInbound(r) : undefined;
  }
  async putInboundEvent(e: InboundEventRecord): Promise<void> {
    this.st.putInbound.run(e.conversationId, e.eventId, e.seq, e.state, e.payload, e.result);
    this.st.touchInbound.run(Date.now(), e.conversationId);
  }
  async heldSeqs(conversationId: string): Promise<number[]> {
    return (this.st.heldSeqs.all(conversationId) as { seq: number }[]).map((r) => r.seq);
  }

  async appendOutbox(
    conversationId: string,
    integrationId: string,
    type: WebhookEventType,
    build: (seq: number) => WebhookEvent,
    at: number,
  ): Promise<OutboxRecord> {
    const bumped = this.st.bumpOutSeq.get(conversationId) as { out_seq: number } | undefined;
    if (!bumped) throw new Error(`no integration conversation ${conversationId}`);
    const seq = bumped.out_seq;
    const event = build(seq);
    this.st.insertOutbox.run(conversationId, seq, event.id, type, JSON.stringify(event), at);
    for (const { id } of this.st.enabledEndpointIds.all(integrationId) as { id: string }[])
      this.st.insertDelivery.run(id, conversationId, seq, at);
    return { conversationId, seq, event };
  }
  async outboxAfter(conversationId: string, afterSeq: number, limit: number): Promise<OutboxRecord[]> {
    return (
      this.st.outboxAfter.all(conversationId, afterSeq, limit) as { seq: number; payload: string }[]
    ).map((r) => ({ conversationId, seq: r.seq, event: JSON.parse(r.payload) as WebhookEvent }));
  }
  async getOutbox(conversationId: string, seq: number): Promise<OutboxRecord | undefined> {
    const r = this.st.getOutbox.get(conversationId, seq) as { seq: number; payload: string } | undefined;
    return r ? { conversationId, seq: r.seq, event: JSON.parse(r.payload) as WebhookEvent } : undefined;
  }

  async dueDeliveries(now: number, limit: number): Promise<DueDelivery[]> {
    return (
      this.st.due.all(now, limit) as {
        endpoint_id: string;
        conversation_id: string;
        seq: number;
        attempts: number;
      }[]
    ).map((r) => ({
      endpointId: r.endpoint_id,
      conversationId: r.conversation_id,
      seq: r.seq,
      attempts: r.attempts,
    }));
  }
  async nextDeliveryAt(): Promise<number | null> {
    return (this.st.nextAt.get() as { at: number | null }).at;
  }
  async deliveryDone(endpointId: string, conversationId: string, seq: number): Promise<void> {
    this.st.done.run(endpointId, conversationId, seq);
  }
  async deliveryRetry(
    endpointId: string,
    conversationId: string,
    seq: number,
    attempts: number,
    nextAt: number,
    error: string,
  ): Promise<void> {
    this.st.retry.run(attempts, nextAt, error.slice(0, 500), endpointId, conversationId, seq);
  }

  async deliveryResumeEndpoint(endpointId: string, now: number): Promise<void> {
    this.st.resumeEndpoint.run(now, endpointId, now);
  }

  async putMessageDelivery(d: MessageDeliveryRecord): Promise<void> {
    this.st.putMessageDelivery.run(d.messageId, d.conversationId, d.status, d.reason, d.at);
  }
  async getMessageDelivery(messageId: string): Promise<MessageDeliveryRecord | undefined> {
    const r = this.st.getMessageDelivery.get(messageId) as
      | { message_id: string; conversation_id: string; status: string; reason: string | null; at: number }
      | undefined;
    return r
      ? {
          messageId: r.message_id,
          conversationId: r.conversation_id,
          status: r.status as MessageDeliveryRecord['status'],
          reason: r.reason,
          at: r.at,
        }
      : undefined;
  }
}
