// The integration API's state, as its own sub-interface of the hub store (HubStore.integration), so a
// store without it still runs the hub, with /v1 answering 503. SQLite: sqlite/integration.ts; Redis:
// redis/integration.ts. Every write here runs inside the hub's serial units (store.atomically), so an
// outbox row is committed together with the ticket change it reports.
import type { IntegrationScope, WebhookEvent, WebhookEventType } from '../../shared/integration-api';

// Retention of the integration records, the same on every store: Redis lets keys expire
// (redis/integration-conversations.ts), SQLite prunes rows (sqlite/integration-retention.ts).
/** How long a conversation's delivered outbox stays readable (`GET …/events?after=`): 30 days. */
export const OUTBOX_RETAIN_MS = 30 * 24 * 3600 * 1000;
/**
 * How long a conversation's inbound-event dedup records are kept after its last inbound event: 7 days,
 * like command answers — longer than any platform retries a delivery — so a duplicate inside that
 * window is still recognised. An event at or before the acked seq whose record is gone is ignored
 * (integration/inbound-api.ts), never applied again.
 */
export const INBOUND_RETAIN_MS = 7 * 24 * 3600 * 1000;
/**
 * How long a closed conversation's record (its acked inbound seq, metadata, outbox head) is kept after
 * the close: as long as its delivered outbox (OUTBOX_RETAIN_MS), so replay (`GET …/events?after=`)
 * works as long as there is something to replay. Closing is final (tickets/lifecycle.ts), so there is
 * no reopening to take the expiry off.
 */
export const CONVERSATION_RETAIN_MS = OUTBOX_RETAIN_MS;
/**
 * How long an agent message's delivery report (putMessageDelivery) is kept after its `at`: as long as
 * the outbox, so a report stays readable as long as the conversation's webhooks can be replayed. The
 * hub itself only writes it (the agent gets it at once as ticket:delivery); the record is the store's
 * trace of the integrator's report, nothing the API serves back.
 */
export const MESSAGE_DELIVERY_RETAIN_MS = OUTBOX_RETAIN_MS;

export interface IntegrationRecord {
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ApiKeyRecord {
  /** The public part of the key (`xk_<id>_<secret>`), used to find it. */
  id: string;
  integrationId: string;
  /** sha256 of the whole key, hex. */
  hash: string;
  scopes: IntegrationScope[];
  createdAt: number;
  revokedAt: number | null;
}

export interface EndpointSecret {
  secret: string;
  createdAt: number;
  /** A rotated-out secret keeps signing until then, so receivers can switch without a gap. */
  expiresAt: number | null;
}

export interface WebhookEndpointRecord {
  id: string;
  integrationId: string;
  url: string;
  secrets: EndpointSecret[];
  createdAt: number;
  disabledAt: number | null;
  disabledReason: string | null;
}

export interface IntegrationConversation {
  /** = the hub's ticket id. */
  id: string;
  integrationId: string;
  externalId: string;
  createdAt: number;
  /** Every inbound event seq up to this one is applied. */
  ackedSeq: number;
  /** The escalation's flat metadata, echoed in control.released. */
  metadata: Record<string, string | number | boolean>;
}

export interface InboundEventRecord {
  conversationId: string;
  eventId: string;
  seq: number;
  state: 'applied' | 'held';
  /** The validated event (JSON) — kept for held events, so they can be applied when the gap fills. */
  payload: string;
  /** The answer given when it was applied (JSON), so a duplicate gets the same answer. */
  result: string | null;
}

export interface OutboxRecord {
  conversationId: string;
  seq: number;
  event: WebhookEvent;
}

export interface DueDelivery {
  endpointId: string;
  conversationId: string;
  seq: number;
  attempts: number;
}

export interface MessageDeliveryRecord {
  messageId: string;
  conversationId: string;
  status: 'delivered' | 'failed';
  reason: string | null;
  at: number;
}

export interface IntegrationStore {
  insertIntegration(rec: IntegrationRecord): Promise<void>;
  getIntegration(id: string): Promise<IntegrationRecord | undefined>;
  getIntegrationByName(name: string): Promise<IntegrationRecord | undefined>;
  listIntegrations(): Promise<IntegrationRecord[]>;
  /** Revokes the integration and every key of it. */
  revokeIntegration(id: string, at: number): Promise<void>;

  insertApiKey(rec: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(integrationId: string): Promise<ApiKeyRecord[]>;

  insertEndpoint(rec: WebhookEndpointRecord): Promise<void>;
  getEndpoint(id: string): Promise<WebhookEndpointRecord | undefined>;
  listEndpoints(integrationId: string): Promise<WebhookEndpointRecord[]>;
  updateEndpoint(
    id: string,
    patch: Partial<Pick<WebhookEndpointRecord, 'secrets' | 'disabledAt' | 'disabledReason'>>,
  ): Promise<void>;
  deleteEndpoint(id: string): Promise<void>;
  /** Events queued for this endpoint and not yet acknowledged. */
  pendingDeliveries(endpointId: string): Promise<number>;

  insertConversation(rec: IntegrationConversation): Promise<void>;
  getConversation(id: string): Promise<IntegrationConversation | undefined>;
  setAckedSeq(conversationId: string, seq: number): Promise<void>;

  getInboundEvent(conversationId: string, eventId: string): Promise<InboundEventRecord | undefined>;
  /** The event holding this seq (applied or held), if any. */
  inboundEventAtSeq(conversationId: string, seq: number): Promise<InboundEventRecord | undefined>;
  putInboundEvent(rec: InboundEventRecord): Promise<void>;
  heldSeqs(conversationId: string): Promise<number[]>;

  /**
   * Appends an event to the conversation's outbox with the next seq, and queues one delivery per
   * enabled endpoint of the integration. `build` gets the seq and returns the full event.
   */
  appendOutbox(
    conversationId: string,
    integrationId: string,
    type: WebhookEventType,
    build: (seq: number) => WebhookEvent,
    at: number,
  ): Promise<OutboxRecord>;
  outboxAfter(conversationId: string, afterSeq: number, limit: number): Promise<OutboxRecord[]>;
  getOutbox(conversationId: string, seq: number): Promise<OutboxRecord | undefined>;

  /** For each (endpoint, conversation), its oldest pending delivery, if it is due; oldest first. */
  dueDeliveries(now: number, limit: number): Promise<DueDelivery[]>;
  /** The earliest next attempt of an enabled endpoint's queue head (to sleep until then). */
  nextDeliveryAt(): Promise<number | null>;
  deliveryDone(endpointId: string, conversationId: string, seq: number): Promise<void>;
  deliveryRetry(
    endpointId: string,
    conversationId: string,
    seq: number,
    attempts: number,
    nextAt: number,
    error: string,
  ): Promise<void>;

  /** The endpoint answered again: its backed-off deliveries become due now instead of hours later. */
  deliveryResumeEndpoint(endpointId: string, now: number): Promise<void>;

  putMessageDelivery(rec: MessageDeliveryRecord): Promise<void>;
  getMessageDelivery(messageId: string): Promise<MessageDeliveryRecord | undefined>;
}
