// Tickets in Redis: one hash per ticket (routing fields as fields, the rest of the document as JSON,
// plus `ver`, bumped by every commit that changes it), index sets by status and by agent, a sorted set
// per customer, and lists for messages, actions and assignments. Status and assignee changes also move
// the agent's load (LOAD_STATUSES), which the commit script checks against capacity.
import type { Intent, Message, Ticket, TicketAction } from '../../../shared/domain';
import { openerOf } from '../../../shared/waiting';
import { LOAD_STATUSES, TERMINAL_STATUSES } from '../../tickets/lifecycle';
import { CONVERSATION_RETAIN_MS } from './integration-conversations';
import type { AssignmentRecord, CustomerTicketRow, TicketHead, TicketPatch } from '../types';
import type { RedisTx } from './unit';

const HEAD_FIELDS = [
  'status',
  'intent',
  'priority',
  'assignedTo',
  'createdAt',
  'slaDueAt',
  'slaBreached',
  'ver',
] as const;

export class RedisTickets {
  constructor(
    private readonly tx: RedisTx,
    /** How long a closed ticket's integration conversation record is kept (redis/integration.ts). */
    private readonly conversationRetainMs = CONVERSATION_RETAIN_MS,
  ) {}
  private get k() {
    return this.tx.k;
  }

  private async head(id: string): Promise<TicketHead | undefined> {
    const key = this.k.ticket(id);
    const v = await this.tx.hmget(key, HEAD_FIELDS);
    if (v[0] === null) return undefined;
    this.tx.noteVersion(key, v[7]);
    return {
      id,
      status: v[0] as TicketHead['status'],
      intent: v[1] as Intent,
      priority: Number(v[2]),
      assignedTo: v[3] || null,
      createdAt: Number(v[4]),
      slaDueAt: Number(v[5]),
      slaBreached: v[6] === '1',
    };
  }

  async maxTicketIndex(prefix: string): Promise<number> {
    let max = 0;
    for (const id of await this.tx.smembers(this.k.tickets)) {
      if (!id.startsWith(prefix)) continue;
      const n = Number.parseInt(id.slice(prefix.length), 10);
      if (Number.isFinite(n) && n > max) max = n;
    }
    return max;
  }

  insertTicket(t: Ticket): Promise<void> {
    return this.tx.write(() => {
      const { messages, aiActions, ...rest } = t;
      const key = this.k.ticket(t.id);
      this.tx.touchTicket(key, true);
      this.tx.hset(key, {
        status: t.status,
        intent: t.intent,
        priority: String(t.priority),
        assignedTo: t.assignedTo ?? '',
        assignedAt: t.assignedAt === undefined ? '' : String(t.assignedAt),
        createdAt: String(t.createdAt),
        slaDueAt: String(t.slaDueAt),
        slaBreached: '0',
        tags: JSON.stringify(t.tags),
        customerId: t.customer.id,
        data: JSON.stringify(rest),
      });
      this.tx.sadd(this.k.tickets, t.id);
      this.tx.sadd(this.k.byStatus(t.status), t.id);
      if (t.assignedTo) {
        this.tx.sadd(this.k.byAgent(t.assignedTo), t.id);
        if (LOAD_STATUSES.includes(t.status)) this.tx.loadDelta(t.assignedTo, 1);
      }
      this.tx.zadd(this.k.byCustomer(t.customer.id), t.createdAt, t.id);
      for (const m of messages) this.pushMessage(m);
      for (const a of aiActions) this.pushAction(a);
    });
  }

  private pushMessage(m: Message): void {
    this.tx.rpush(this.k.messages(m.ticketId), JSON.stringify(m));
    if (m.clientMsgId) {
      this.tx.requireFreeField(this.k.clientMsgIds(m.ticketId), m.clientMsgId);
      this.tx.hset(this.k.clientMsgIds(m.ticketId), { [m.clientMsgId]: JSON.stringify(m) });
    }
  }

  private pushAction(a: TicketAction): void {
    this.tx.rpushOnce(this.k.actionIds(a.ticketId), a.id, this.k.actions(a.ticketId), JSON.stringify(a));
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    const key = this.k.ticket(id);
    const [h, msgs, acts] = await Promise.all([
      this.tx.hgetall(key),
      this.tx.lrange(this.k.messages(id)),
      this.actions(id),
    ]);
    if (!h) return undefined;
    this.tx.noteVersion(key, h.ver);
    const rest = JSON.parse(h.data!) as Omit<Ticket, 'messages' | 'aiActions'>;
    const ticket: Ticket = {
      ...rest,
      status: h.status as Ticket['status'],
      priority: Number(h.priority),
      slaDueAt: Number(h.slaDueAt),
      tags: JSON.parse(h.tags!) as string[],
      messages: msgs.map((m) => JSON.parse(m) as Message),
      // the ticket's aiActions are the AI's; human actions recorded since are only in listActions
      aiActions: acts.filter((a) => a.actor.kind === 'ai'),
    };
    if (h.assignedTo) ticket.assignedTo = h.assignedTo;
    else delete ticket.assignedTo;
    if (h.assignedAt) ticket.assignedAt = Number(h.assignedAt);
    else delete ticket.assignedAt;
    return ticket;
  }

  getTicketHead(id: string): Promise<TicketHead | undefined> {
    return this.head(id);
  }

  updateTicket(id: string, patch: TicketPatch): Promise<void> {
    return this.tx.write(async () => {
      const before = await this.head(id);
      if (!before) return;
      const key = this.k.ticket(id);
      const fields: Record<string, string> = {};
      if (patch.status !== undefined) fields.status = patch.status;
      if (patch.assignedTo !== undefined) fields.assignedTo = patch.assignedTo ?? '';
      if (patch.assignedAt !== undefined)
        fields.assignedAt = patch.assignedAt === null ? '' : String(patch.assignedAt);
      if (patch.priority !== undefined) fields.priority = String(patch.priority);
      if (patch.slaDueAt !== undefined) fields.slaDueAt = String(patch.slaDueAt);
      if (patch.slaBreached !== undefined) fields.slaBreached = patch.slaBreached ? '1' : '0';
      if (patch.tags !== undefined) fields.tags = JSON.stringify(patch.tags);
      if (!Object.keys(fields).length) return;
      this.tx.touchTicket(key, false);
      this.tx.hset(key, fields);
      const status = patch.status ?? before.status;
      const agent = patch.assignedTo === undefined ? before.assignedTo : patch.assignedTo;
      if (status !== before.status) {
        this.tx.srem(this.k.byStatus(before.status), id);
        this.tx.sadd(this.k.byStatus(status), id);
        // a closed ticket's integration conversation record expires after the retention (closing is
        // final); a no-op for a ticket that did not come through the integration API
        if (TERMINAL_STATUSES.includes(status) && !TERMINAL_STATUSES.includes(before.status))
          this.tx.pexpire(this.k.int('cv', id), this.conversationRetainMs);
      }
      if (agent !== before.assignedTo) {
        if (before.assignedTo) this.tx.srem(this.k.byAgent(before.assignedTo), id);
        if (agent) this.tx.sadd(this.k.byAgent(agent), id);
      }
      const wasLoad = before.assignedTo && LOAD_STATUSES.includes(before.status);
      const isLoad = agent && LOAD_STATUSES.includes(status);
      if (wasLoad && (!isLoad || agent !== before.assignedTo)) this.tx.loadDelta(before.assignedTo!, -1);
      if (isLoad && (!wasLoad || agent !== before.assignedTo)) this.tx.loadDelta(agent, 1);
    });
  }

  async listTicketHeads(filter: {
    statuses?: readonly string[];
    assignedTo?: string;
  }): Promise<TicketHead[]> {
    let ids: string[];
    if (filter.assignedTo !== undefined) ids = await this.tx.smembers(this.k.byAgent(filter.assignedTo));
    else if (filter.statuses?.length)
      ids = [
        ...new Set(
          (await Promise.all(filter.statuses.map((s) => this.tx.smembers(this.k.byStatus(s))))).flat(),
        ),
      ];
    else ids = await this.tx.smembers(this.k.tickets);
    const heads = (await Promise.all(ids.map((id) => this.head(id)))).filter(
      (h): h is TicketHead =>
        !!h &&
        (!filter.statuses?.length || filter.statuses.includes(h.status)) &&
        (filter.assignedTo === undefined || h.assignedTo === filter.assignedTo),
    );
    return heads.sort(
      (a, b) =>
        a.priority - b.priority ||
        a.slaDueAt - b.slaDueAt ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  async countTickets(statuses: readonly string[]): Promise<number> {
    const sizes = await Promise.all([...new Set(statuses)].map((s) => this.tx.scard(this.k.byStatus(s))));
    return sizes.reduce((a, b) => a + b, 0);
  }

  appendMessage(m: Message): Promise<{ message: Message; duplicate: boolean }> {
    return this.tx.write(async () => {
      // who is told about the message was decided on the ticket as read: a concurrent transfer re-runs it
      this.tx.watchTicket(this.k.ticket(m.ticketId));
      if (m.clientMsgId) {
        const prior = await this.tx.hget(this.k.clientMsgIds(m.ticketId), m.clientMsgId);
        if (prior) return { message: JSON.parse(prior) as Message, duplicate: true };
      }
      this.pushMessage(m);
      return { message: m, duplicate: false };
    });
  }

  async messageCount(ticketId: string): Promise<number> {
    return this.tx.llen(this.k.messages(ticketId));
  }

  async lastMessages(ticketId: string, n: number): Promise<Message[]> {
    return (await this.tx.lrange(this.k.messages(ticketId), -n, -1)).map((m) => JSON.parse(m) as Message);
  }

  async customerTickets(
    customerId: string,
    excludeTicketId: string,
    limit: number,
  ): Promise<CustomerTicketRow[]> {
    const ids = (await this.tx.client.zRange(this.k.byCustomer(customerId), 0, -1, { REV: true }))
      .filter((id) => id !== excludeTicketId)
      .slice(0, limit);
    const rows: CustomerTicketRow[] = [];
    for (const id of ids) {
      const head = await this.head(id);
      if (!head) continue;
      const first = (await this.tx.lrange(this.k.messages(id), 0, 19)).map((m) => JSON.parse(m) as Message);
      rows.push({ head, opener: openerOf(first) });
    }
    return rows;
  }

  insertAction(a: TicketAction): Promise<void> {
    return this.tx.write(() => this.pushAction(a));
  }

  async actions(ticketId: string): Promise<TicketAction[]> {
    const committed = (await this.tx.client.lRange(this.k.actions(ticketId), 0, -1)).map(
      (a) => JSON.parse(a) as TicketAction,
    );
    // pending actions of this unit are buffered as ops only (dedup happens in the script): add them
    return dedupById([
      ...committed,
      ...this.tx.pendingOnce(this.k.actions(ticketId)).map((a) => JSON.parse(a) as TicketAction),
    ]);
  }

  listActions(ticketId: string): Promise<TicketAction[]> {
    return this.actions(ticketId);
  }

  insertAssignment(ticketId: string, record: AssignmentRecord): Promise<void> {
    return this.tx.write(() => this.tx.rpush(this.k.assignments(ticketId), JSON.stringify(record)));
  }

  async listAssignments(ticketId: string): Promise<AssignmentRecord[]> {
    return (await this.tx.lrange(this.k.assignments(ticketId))).map((r) => JSON.parse(r) as AssignmentRecord);
  }
}

function dedupById(actions: TicketAction[]): TicketAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}
