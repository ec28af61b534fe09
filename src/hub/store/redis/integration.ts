// The integration API's state in Redis, with the SQLite module's semantics (sqlite/integration.ts).
// Records are JSON in hashes (integrations, keys, endpoints, conversations), with
// per-integration index sets. Per conversation: its record and outbox head, inbound events by event id
// plus a seq → event id index (those, with their retention: integration-conversations.ts), and the
// outbox as a hash seq → event.
//
// Writes join the unit (RedisTx) and commit with the ticket change they belong to. What two nodes could
// race on is read "watched" (RedisTx.hgetWatched): the conversation (its acked seq), an inbound event
// id and seq, and the outbox head. The commit then fails if another node changed any of them since —
// so one event id or seq is claimed once, and two nodes appending to one outbox cannot take the same
// seq — and the hub re-runs the unit on fresh state. The Idempotency-Key of an escalation is claimed
// by putCommandResult (redis/commands.ts) the same way.
//
// Pending webhook deliveries are one hash (endpoint, conversation, seq) → {attempts, nextAt} plus a set
// per endpoint; delivered ones are deleted, the outbox is kept for replay — for OUTBOX_RETAIN_MS after
// its last pending delivery is done (SQLite removes it with the closed conversation's record). Each (endpoint, conversation)
// queue is a sorted set of its seqs (a lane), and each endpoint has a sorted set of its lanes scored by
// the lane head's nextAt — recomputed inside the commit script after every change to the lane
// (RedisTx.laneHead), so it is right whatever another node committed. dueDeliveries reads only the due
// heads of enabled endpoints, not the whole backlog.
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
import { MESSAGE_DELIVERY_RETAIN_MS } from '../integration-types';
import {
  OUTBOX_RETAIN_MS,
  RedisConversations,
  type ConversationRetention,
} from './integration-conversations';
import type { RedisTx } from './unit';

interface PendingDelivery {
  attempts: number;
  nextAt: number;
  lastError: string | null;
}

const SEP = '\u0001';
const deliveryField = (endpointId: string, conversationId: string, seq: number) =>
  `${endpointId}${SEP}${conversationId}${SEP}${seq}`;
const byCreated = <T extends { createdAt: number }>(a: T, b: T) => a.createdAt - b.createdAt;
const parse = <T>(v: string | null | undefined): T | undefined =>
  v === null || v === undefined ? undefined : (JSON.parse(v) as T);

const lanePrefix = (endpointId: string, conversationId: string) =>
  `${endpointId}${SEP}${conversationId}${SEP}`;

export { CONVERSATION_RETAIN_MS, INBOUND_RETAIN_MS, OUTBOX_RETAIN_MS } from './integration-conversations';

export class RedisIntegrationStore implements IntegrationStore {
  private readonly outboxRetainMs: number;
  private readonly messageDeliveryRetainMs: number;
  private readonly conversations: RedisConversations;
  constructor(
    private readonly tx: RedisTx,
    retain: { outboxRetainMs?: number; messageDeliveryRetainMs?: number } & ConversationRetention = {},
  ) {
    this.outboxRetainMs = retain.outboxRetainMs ?? OUTBOX_RETAIN_MS;
    this.messageDeliveryRetainMs = retain.messageDeliveryRetainMs ?? MESSAGE_DELIVERY_RETAIN_MS;
    this.conversations = new RedisConversations(tx, retain);
  }
  private key(what: string, owner?: string) {
    return this.tx.k.int(what, owner);
  }
  private put(key: string, field: string, value: unknown): void {
    this.tx.hset(key, { [field]: JSON.stringify(value) });
  }
  /** Recomputes the lane's head at commit (after this unit's writes to it). */
  private headOf(endpointId: string, conversationId: string): void {
    this.tx.laneHead(
      this.key('lane', `${endpointId}${SEP}${conversationId}`),
      this.key('due', endpointId),
      conversationId,
      this.key('d'),
      lanePrefix(endpointId, conversationId),
    );
  }
  /**
   * The conversation's outbox expires OUTBOX_RETAIN_MS after nothing in it is left to deliver to any
   * of the integration's endpoints (decided at commit; a later append takes the expiry off again).
   */
  private expireWhenDelivered(conversationId: string, endpoints: readonly WebhookEndpointRecord[]): void {
    this.tx.expireWhenEmpty(
      this.key('ob', conversationId),
      this.outboxRetainMs,
      endpoints.map((e) => this.key('lane', `${e.id}${SEP}${conversationId}`)),
    );
  }
  private async all<T>(key: string, ids: readonly string[]): Promise<T[]> {
    return (await this.tx.hmget(key, ids)).flatMap((v) => (v === null ? [] : [JSON.parse(v) as T]));
  }

  // ── integrations and keys ─────────────────────────────────────────────────────────────────────
  insertIntegration(r: IntegrationRecord): Promise<void> {
    return this.tx.write(async () => {
      // names and ids are unique, as the SQL table's constraints make them
      if ((await this.tx.hgetWatched(this.key('iname'), r.name)) !== null)
        throw new Error(`an integration named ${r.name} exists`);
      if ((await this.tx.hgetWatched(this.key('i'), r.id)) !== null)
        throw new Error(`an integration ${r.id} exists`);
      this.put(this.key('i'), r.id, r);
      this.tx.hset(this.key('iname'), { [r.name]: r.id });
    });
  }
  async getIntegration(id: string) {
    return parse<IntegrationRecord>(await this.tx.hget(this.key('i'), id));
  }
  async getIntegrationByName(name: string) {
    const id = await this.tx.hget(this.key('iname'), name);
    return id === null ? undefined : this.getIntegration(id);
  }
  async listIntegrations() {
    const all = Object.values((await this.tx.hgetall(this.key('i'))) ?? {}).map(
      (v) => JSON.parse(v) as IntegrationRecord,
    );
    return all.sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  revokeIntegration(id: string, at: number): Promise<void> {
    return this.tx.write(async () => {
      const cur = await this.getIntegration(id);
      if (cur && cur.revokedAt === null) this.put(this.key('i'), id, { ...cur, revokedAt: at });
      for (const k of await this.listApiKeys(id))
        if (k.revokedAt === null) this.put(this.key('k'), k.id, { ...k, revokedAt: at });
    });
  }

  /** Keys and endpoints belong to an existing integration (the SQL tables' foreign keys). */
  private async requireIntegration(id: string): Promise<void> {
    if ((await this.tx.hget(this.key('i'), id)) === null) throw new Error(`no integration ${id}`);
  }

  insertApiKey(k: ApiKeyRecord): Promise<void> {
    return this.tx.write(async () => {
      if ((await this.tx.hgetWatched(this.key('k'), k.id)) !== null) throw new Error(`a key ${k.id} exists`);
      await this.requireIntegration(k.integrationId);
      this.put(this.key('k'), k.id, k);
      this.tx.sadd(this.key('ki', k.integrationId), k.id);
    });
  }
  async getApiKey(id: string) {
    return parse<ApiKeyRecord>(await this.tx.hget(this.key('k'), id));
  }
  async listApiKeys(integrationId: string) {
    const ids = await this.tx.smembers(this.key('ki', integrationId));
    return (await this.all<ApiKeyRecord>(this.key('k'), ids)).sort(byCreated);
  }

  // ── webhook endpoints ─────────────────────────────────────────────────────────────────────────
  insertEndpoint(e: WebhookEndpointRecord): Promise<void> {
    return this.tx.write(async () => {
      await this.requireIntegration(e.integrationId);
      this.put(this.key('e'), e.id, e);
      this.tx.sadd(this.key('ei', e.integrationId), e.id);
    });
  }
  async getEndpoint(id: string) {
    return parse<WebhookEndpointRecord>(await this.tx.hget(this.key('e'), id));
  }
  async listEndpoints(integrationId: string) {
    const ids = await this.tx.smembers(this.key('ei', integrationId));
    return (await this.all<WebhookEndpointRecord>(this.key('e'), ids)).sort(byCreated);
  }
  updateEndpoint(
    id: string,
    patch: Partial<Pick<WebhookEndpointRecord, 'secrets' | 'disabledAt' | 'disabledReason'>>,
  ): Promise<void> {
    return this.tx.write(async () => {
      const cur = await this.getEndpoint(id);
      if (cur) this.put(this.key('e'), id, { ...cur, ...patch });
    });
  }
  deleteEndpoint(id: string): Promise<void> {
    return this.tx.write(async () => {
      const cur = await this.getEndpoint(id);
      for (const f of await this.tx.smembers(this.key('de', id))) {
        this.tx.hdel(this.key('d'), f);
        this.tx.srem(this.key('de', id), f);
        const [, conversationId] = f.split(SEP) as [string, string];
        this.tx.del(this.key('lane', `${id}${SEP}${conversationId}`));
      }
      this.tx.del(this.key('due', id));
      this.tx.hdel(this.key('e'), id);
      if (cur) this.tx.srem(this.key('ei', cur.integrationId), id);
    });
  }
  async pendingDeliveries(endpointId: string): Promise<number> {
    return (await this.tx.smembers(this.key('de', endpointId))).length;
  }

  // ── conversations and inbound events (integration-conversations.ts) ─────────────────────────────
  insertConversation(c: IntegrationConversation): Promise<void> {
    return this.conversations.insertConversation(c);
  }
  getConversation(id: string) {
    return this.conversations.getConversation(id);
  }
  setAckedSeq(conversationId: string, seq: number): Promise<void> {
    return this.conversations.setAckedSeq(conversationId, seq);
  }
  getInboundEvent(conversationId: string, eventId: string) {
    return this.conversations.getInboundEvent(conversationId, eventId);
  }
  inboundEventAtSeq(conversationId: string, seq: number) {
    return this.conversations.inboundEventAtSeq(conversationId, seq);
  }
  putInboundEvent(e: InboundEventRecord): Promise<void> {
    return this.conversations.putInboundEvent(e);
  }
  heldSeqs(conversationId: string): Promise<number[]> {
    return this.conversations.heldSeqs(conversationId);
  }

  // ── the outbox ────────────────────────────────────────────────────────────────────────────────
  appendOutbox(
    conversationId: string,
    integrationId: string,
    _type: WebhookEventType,
    build: (seq: number) => WebhookEvent,
    at: number,
  ): Promise<OutboxRecord> {
    return this.tx.write(async () => {
      // (the type is inside the event; the SQL table keeps it in a column of its own)
      // the head is watched: two nodes appending at once cannot both commit the same seq
      const head = await this.conversations.watchedOutboxHead(conversationId);
      if (head === null) throw new Error(`no integration conversation ${conversationId}`);
      const seq = head + 1;
      const event = build(seq);
      this.conversations.setOutboxHead(conversationId, seq);
      this.put(this.key('ob', conversationId), String(seq), event);
      const endpoints = await this.listEndpoints(integrationId);
      for (const e of endpoints) {
        if (e.disabledAt !== null) continue;
        const f = deliveryField(e.id, conversationId, seq);
        this.put(this.key('d'), f, { attempts: 0, nextAt: at, lastError: null } satisfies PendingDelivery);
        this.tx.sadd(this.key('de', e.id), f);
        this.tx.zadd(this.key('lane', `${e.id}${SEP}${conversationId}`), seq, String(seq));
        this.headOf(e.id, conversationId);
      }
      this.expireWhenDelivered(conversationId, endpoints);
      return { conversationId, seq, event };
    });
  }
  async outboxAfter(conversationId: string, afterSeq: number, limit: number): Promise<OutboxRecord[]> {
    const head = await this.conversations.outboxHead(conversationId);
    const seqs: string[] = [];
    for (let s = Math.max(0, afterSeq) + 1; s <= head && seqs.length < limit; s++) seqs.push(String(s));
    const events = await this.all<WebhookEvent>(this.key('ob', conversationId), seqs);
    return events.map((event) => ({ conversationId, seq: event.seq, event }));
  }
  async getOutbox(conversationId: string, seq: number): Promise<OutboxRecord | undefined> {
    const event = parse<WebhookEvent>(await this.tx.hget(this.key('ob', conversationId), String(seq)));
    return event ? { conversationId, seq, event } : undefined;
  }

  // ── deliveries ────────────────────────────────────────────────────────────────────────────────
  /** Enabled endpoints (only they send). */
  private async sendingEndpoints(): Promise<string[]> {
    const all = Object.values((await this.tx.hgetall(this.key('e'))) ?? {}).map(
      (v) => JSON.parse(v) as WebhookEndpointRecord,
    );
    return all.filter((e) => e.disabledAt === null).map((e) => e.id);
  }

  async dueDeliveries(now: number, limit: number): Promise<DueDelivery[]> {
    // the head of each (endpoint, conversation) queue: later events wait for it (per-conversation order)
    const heads: Array<{ endpointId: string; conversationId: string; nextAt: number }> = [];
    for (const endpointId of await this.sendingEndpoints()) {
      const due = zsetPairs(
        (await this.tx.client.sendCommand([
          'ZRANGEBYSCORE',
          this.key('due', endpointId),
          '-inf',
          String(Math.floor(now)),
          'WITHSCORES',
          'LIMIT',
          '0',
          String(limit),
        ])) as unknown[],
      );
      for (const [conversationId, nextAt] of due) heads.push({ endpointId, conversationId, nextAt });
    }
    heads.sort((a, b) => a.nextAt - b.nextAt);
    const out: DueDelivery[] = [];
    for (const h of heads.slice(0, limit)) {
      const lane = this.key('lane', `${h.endpointId}${SEP}${h.conversationId}`);
      const [seq] = await this.tx.client.zRange(lane, 0, 0);
      if (seq === undefined) continue;
      const f = deliveryField(h.endpointId, h.conversationId, Number(seq));
      const d = parse<PendingDelivery>(await this.tx.hget(this.key('d'), f));
      if (d)
        out.push({
          endpointId: h.endpointId,
          conversationId: h.conversationId,
          seq: Number(seq),
          attempts: d.attempts,
        });
    }
    return out;
  }
  /** The earliest next attempt of an enabled endpoint's queue head (only a head can be sent). */
  async nextDeliveryAt(): Promise<number | null> {
    let min: number | null = null;
    for (const endpointId of await this.sendingEndpoints()) {
      const [first] = zsetPairs(
        (await this.tx.client.sendCommand([
          'ZRANGE',
          this.key('due', endpointId),
          '0',
          '0',
          'WITHSCORES',
        ])) as unknown[],
      );
      if (first && (min === null || first[1] < min)) min = first[1];
    }
    return min;
  }
  deliveryDone(endpointId: string, conversationId: string, seq: number): Promise<void> {
    return this.tx.write(async () => {
      const f = deliveryField(endpointId, conversationId, seq);
      this.tx.hdel(this.key('d'), f);
      this.tx.srem(this.key('de', endpointId), f);
      this.tx.zrem(this.key('lane', `${endpointId}${SEP}${conversationId}`), String(seq));
      this.headOf(endpointId, conversationId);
      const endpoint = await this.getEndpoint(endpointId);
      if (endpoint)
        this.expireWhenDelivered(conversationId, await this.listEndpoints(endpoint.integrationId));
    });
  }
  deliveryRetry(
    endpointId: string,
    conversationId: string,
    seq: number,
    attempts: number,
    nextAt: number,
    error: string,
  ): Promise<void> {
    return this.tx.write(async () => {
      const f = deliveryField(endpointId, conversationId, seq);
      if ((await this.tx.hget(this.key('d'), f)) === null) return; // delivered or deleted meanwhile
      this.put(this.key('d'), f, {
        attempts,
        nextAt,
        lastError: error.slice(0, 500),
      } satisfies PendingDelivery);
      this.headOf(endpointId, conversationId);
    });
  }
  deliveryResumeEndpoint(endpointId: string, now: number): Promise<void> {
    return this.tx.write(async () => {
      const fields = await this.tx.smembers(this.key('de', endpointId));
      const values = await this.tx.hmget(this.key('d'), fields);
      fields.forEach((f, i) => {
        const d = parse<PendingDelivery>(values[i]);
        if (!d || d.attempts === 0 || d.nextAt <= now) return;
        this.put(this.key('d'), f, { ...d, nextAt: now });
        this.headOf(endpointId, f.split(SEP)[1]!);
      });
    });
  }

  // ── agent message delivery reports ────────────────────────────────────────────────────────────
  // One small hash per report (`int:md:<messageId>`, field r) expiring MESSAGE_DELIVERY_RETAIN_MS after
  // its `at`, set in the same commit as the write; reports stored before (fields of the one `int:md`
  // hash) are still read, no longer written, and a newer report of the message is read first.
  putMessageDelivery(d: MessageDeliveryRecord): Promise<void> {
    return this.tx.write(() => {
      const k = this.key('md', d.messageId);
      this.tx.hset(k, { r: JSON.stringify(d) });
      // a report already past its window (an old `at`) lives 1 ms, as SQLite's next pass removes it
      this.tx.pexpire(k, Math.max(1, d.at + this.messageDeliveryRetainMs - Date.now()));
    });
  }
  async getMessageDelivery(messageId: string) {
    const [v, legacy] = await Promise.all([
      this.tx.hget(this.key('md', messageId), 'r'),
      this.tx.hget(this.key('md'), messageId),
    ]);
    return parse<MessageDeliveryRecord>(v ?? legacy);
  }
}

/** WITHSCORES replies come as [member, score] pairs (RESP3) or flat (RESP2). */
function zsetPairs(reply: unknown[]): Array<[string, number]> {
  if (reply.length && Array.isArray(reply[0]))
    return (reply as Array<[unknown, unknown]>).map(([m, v]) => [String(m), Number(v)]);
  const out: Array<[string, number]> = [];
  for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), Number(reply[i + 1])]);
  return out;
}
