// The integration API's conversations and inbound-event dedup records in Redis (the part of
// redis/integration.ts that has a retention). A conversation is a hash of its own (`int:cv:<id>`: the
// record and the outbox head), so it can expire once its ticket is closed — RedisTickets.updateTicket
// sets that expiry in the commit that closes it. A conversation's inbound events (by id), its
// seq → event id index and its held set expire INBOUND_RETAIN_MS after its latest event, the expiry
// written with each event. Records of the previous layout (fields of the shared `c` and `oseq`
// hashes) are still read there and move to their own hash on their next write.
import type { TicketStatus } from '../../../shared/domain';
import { TERMINAL_STATUSES } from '../../tickets/lifecycle';
import {
  CONVERSATION_RETAIN_MS,
  INBOUND_RETAIN_MS,
  OUTBOX_RETAIN_MS,
  type InboundEventRecord,
  type IntegrationConversation,
} from '../integration-types';
import type { RedisTx } from './unit';

// the windows are store-agnostic (the SQLite store prunes to the same ones): integration-types.ts
export { CONVERSATION_RETAIN_MS, INBOUND_RETAIN_MS, OUTBOX_RETAIN_MS };

/** The per-conversation hash (`cv`) that holds the record and the outbox head. */
const REC = 'rec';
const HEAD = 'oseq';

export interface ConversationRetention {
  inboundRetainMs?: number;
  conversationRetainMs?: number;
}

const parse = <T>(v: string | null | undefined): T | undefined =>
  v === null || v === undefined ? undefined : (JSON.parse(v) as T);

export class RedisConversations {
  private readonly inboundRetainMs: number;
  private readonly conversationRetainMs: number;
  constructor(
    private readonly tx: RedisTx,
    retain: ConversationRetention = {},
  ) {
    this.inboundRetainMs = retain.inboundRetainMs ?? INBOUND_RETAIN_MS;
    this.conversationRetainMs = retain.conversationRetainMs ?? CONVERSATION_RETAIN_MS;
  }
  private key(what: string, owner?: string) {
    return this.tx.k.int(what, owner);
  }
  private put(key: string, field: string, value: unknown): void {
    this.tx.hset(key, { [field]: JSON.stringify(value) });
  }

  private conv(id: string) {
    return this.key('cv', id);
  }
  /** The old layout's record and head, if this conversation is still there (watched like the new). */
  private async legacy(id: string): Promise<{ rec: string; head: string | null } | undefined> {
    const rec = await this.tx.hgetWatched(this.key('c'), id);
    if (rec === null) return undefined;
    return { rec, head: await this.tx.hgetWatched(this.key('oseq'), id) };
  }
  /** Moves an old-layout conversation into its own hash (in this unit), closed ones with their expiry. */
  private async moveLegacy(id: string): Promise<void> {
    // not watched: a moved record never moves back (a unit that relies on its content watches it)
    if ((await this.tx.hget(this.conv(id), REC)) !== null) return;
    const old = await this.legacy(id);
    if (!old) return;
    this.tx.hset(this.conv(id), { [REC]: old.rec, [HEAD]: old.head ?? '0' });
    this.tx.hdel(this.key('c'), id);
    this.tx.hdel(this.key('oseq'), id);
    const status = await this.tx.hget(this.tx.k.ticket(id), 'status');
    if (TERMINAL_STATUSES.includes(status as TicketStatus))
      this.tx.pexpire(this.conv(id), this.conversationRetainMs);
  }
  insertConversation(c: IntegrationConversation): Promise<void> {
    return this.tx.write(async () => {
      if ((await this.tx.hgetWatched(this.conv(c.id), REC)) !== null || (await this.legacy(c.id)))
        throw new Error(`a conversation ${c.id} exists`);
      this.tx.hset(this.conv(c.id), { [REC]: JSON.stringify(c), [HEAD]: '0' });
    });
  }
  async getConversation(id: string) {
    const rec = (await this.tx.hgetWatched(this.conv(id), REC)) ?? (await this.legacy(id))?.rec;
    return parse<IntegrationConversation>(rec);
  }
  setAckedSeq(conversationId: string, seq: number): Promise<void> {
    return this.tx.write(async () => {
      await this.moveLegacy(conversationId);
      const cur = await this.getConversation(conversationId);
      // HSET keeps the key's expiry: acking an event after the close does not prolong the record
      if (cur) this.put(this.conv(conversationId), REC, { ...cur, ackedSeq: seq });
    });
  }

  async getInboundEvent(conversationId: string, eventId: string) {
    return parse<InboundEventRecord>(await this.tx.hgetWatched(this.key('in', conversationId), eventId));
  }
  async inboundEventAtSeq(conversationId: string, seq: number) {
    const eventId = await this.tx.hgetWatched(this.key('ins', conversationId), String(seq));
    return eventId === null ? undefined : this.getInboundEvent(conversationId, eventId);
  }
  putInboundEvent(e: InboundEventRecord): Promise<void> {
    return this.tx.write(async () => {
      // like the SQL upsert: a known event keeps its seq and payload, its state and result change
      const cur = await this.getInboundEvent(e.conversationId, e.eventId);
      const next: InboundEventRecord = cur ? { ...cur, state: e.state, result: e.result } : e;
      this.put(this.key('in', e.conversationId), e.eventId, next);
      if (!cur) {
        // the seq is claimed once: a second event at it fails the commit, as the SQL unique index does
        await this.tx.hgetWatched(this.key('ins', e.conversationId), String(e.seq));
        this.tx.hset(this.key('ins', e.conversationId), { [String(e.seq)]: e.eventId });
      }
      if (next.state === 'held') this.tx.sadd(this.key('held', e.conversationId), String(next.seq));
      else this.tx.srem(this.key('held', e.conversationId), String(next.seq));
      // the conversation's dedup records live until inboundRetainMs after its latest event, so every
      // record is kept at least that long; set in the commit script with the write (after it)
      for (const what of ['in', 'ins', 'held'])
        this.tx.pexpire(this.key(what, e.conversationId), this.inboundRetainMs);
    });
  }
  async heldSeqs(conversationId: string): Promise<number[]> {
    return (await this.tx.smembers(this.key('held', conversationId))).map(Number).sort((a, b) => a - b);
  }

  /** The outbox head (last seq taken), watched: two units appending at once cannot both take the next. */
  async watchedOutboxHead(conversationId: string): Promise<number | null> {
    await this.moveLegacy(conversationId);
    const head = await this.tx.hgetWatched(this.conv(conversationId), HEAD);
    return head === null ? null : Number(head);
  }
  setOutboxHead(conversationId: string, seq: number): void {
    this.tx.hset(this.conv(conversationId), { [HEAD]: String(seq) });
  }
  /** The outbox head as committed (0 when unknown), in either layout. */
  async outboxHead(conversationId: string): Promise<number> {
    const head =
      (await this.tx.hget(this.conv(conversationId), HEAD)) ??
      (await this.tx.hget(this.key('oseq'), conversationId));
    return Number(head ?? 0);
  }
}
