// tickets with their conversation (messages), actions and assignment history. Routing columns are real
// columns (indexed, patched in place); the rest of a ticket is one JSON document.
import type Database from 'better-sqlite3';
import type { Intent, Message, Ticket, TicketAction } from '../../../shared/domain';
import type { AssignmentRecord, CustomerTicketRow, TicketHead, TicketPatch } from '../types';
import { openerOf } from '../../../shared/waiting';
import { TERMINAL_STATUSES } from '../../tickets/lifecycle';
import type { StatementCache } from './statement-cache';

interface TicketRow {
  id: string;
  status: string;
  intent: string;
  priority: number;
  assigned_to: string | null;
  assigned_at: number | null;
  created_at: number;
  sla_due_at: number;
  sla_breached: number;
  tags: string;
  data: string;
  customer_id: string | null;
}

const PATCH_COLUMNS: Record<keyof TicketPatch, string> = {
  status: 'status',
  assignedTo: 'assigned_to',
  assignedAt: 'assigned_at',
  priority: 'priority',
  slaDueAt: 'sla_due_at',
  slaBreached: 'sla_breached',
  tags: 'tags',
};

/** Rows per multi-row INSERT of messages (4 parameters each, far below SQLite's limit of 32766). */
const MESSAGE_ROWS_PER_INSERT = 32;
const MESSAGE_VALUES = Array.from({ length: MESSAGE_ROWS_PER_INSERT }, (_, i) =>
  Array.from({ length: i + 1 }, () => '(?, ?, ?, ?)').join(', '),
);

export class SqliteTickets {
  private readonly st;
  /** The multi-row message INSERT for n rows at index n - 1, prepared on first use. */
  private readonly insertMessageRows: Database.Statement[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly cache: StatementCache,
  ) {
    this.st = {
      insertTicket: db.prepare(
        `INSERT INTO tickets (id, status, intent, priority, assigned_to, assigned_at, created_at, sla_due_at, tags, data, customer_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getTicket: db.prepare('SELECT * FROM tickets WHERE id = ?'),
      closeConversation: db.prepare(
        'UPDATE integration_conversations SET closed_at = ? WHERE id = ? AND closed_at IS NULL',
      ),
      ticketMessages: db.prepare('SELECT data FROM messages WHERE ticket_id = ? ORDER BY rowid'),
      lastMessages: db.prepare(
        'SELECT data FROM (SELECT rowid, data FROM messages WHERE ticket_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY rowid',
      ),
      insertMessage: db.prepare(
        'INSERT INTO messages (id, ticket_id, client_msg_id, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      messageCount: db.prepare('SELECT COUNT(*) AS n FROM messages WHERE ticket_id = ?'),
      messageByClientId: db.prepare('SELECT data FROM messages WHERE ticket_id = ? AND client_msg_id = ?'),
      insertAction: db.prepare(
        'INSERT INTO actions (id, ticket_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING',
      ),
      listActions: db.prepare('SELECT data FROM actions WHERE ticket_id = ? ORDER BY rowid'),
      insertAssignment: db.prepare('INSERT INTO assignments (ticket_id, at, data) VALUES (?, ?, ?)'),
      listAssignments: db.prepare('SELECT data FROM assignments WHERE ticket_id = ? ORDER BY rowid'),
    };
  }

  /** A customer's other tickets, newest first, with what they asked first (uses tickets_customer_id). */
  async customerTickets(
    customerId: string,
    excludeTicketId: string,
    limit: number,
  ): Promise<CustomerTicketRow[]> {
    const rows = this.cache
      .sql(
        `SELECT * FROM tickets WHERE customer_id = ? AND id != ?
         ORDER BY created_at DESC LIMIT ?`,
      )
      .all(customerId, excludeTicketId, limit) as TicketRow[];
    return rows.map((row) => ({ head: toHead(row), opener: this.opener(row.id) }));
  }

  private opener(ticketId: string): string {
    const rows = this.cache
      .sql('SELECT data FROM messages WHERE ticket_id = ? ORDER BY rowid LIMIT 20')
      .all(ticketId) as { data: string }[];
    return openerOf(rows.map((r) => JSON.parse(r.data) as Message));
  }

  async maxTicketIndex(prefix: string): Promise<number> {
    const rows = this.cache
      .sql('SELECT id FROM tickets WHERE id >= ? AND id < ?')
      .all(prefix, `${prefix}\uffff`) as { id: string }[];
    let max = 0;
    for (const r of rows) {
      const n = Number.parseInt(r.id.slice(prefix.length), 10);
      if (Number.isFinite(n) && n > max) max = n;
    }
    return max;
  }

  async insertTicket(t: Ticket): Promise<void> {
    const { messages, aiActions, ...rest } = t;
    const write = () => {
      // positional, not named, parameters: better-sqlite3 looks each name up on the object otherwise
      this.st.insertTicket.run(
        t.id,
        t.status,
        t.intent,
        t.priority,
        t.assignedTo ?? null,
        t.assignedAt ?? null,
        t.createdAt,
        t.slaDueAt,
        JSON.stringify(t.tags),
        JSON.stringify(rest),
        t.customer.id,
      );
      this.insertMessages(messages);
      for (const a of aiActions) this.st.insertAction.run(a.id, a.ticketId, JSON.stringify(a));
    };
    // Inside atomically() already (the hub's path): the unit's savepoint covers it, no nested one.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  /** An escalation's conversation: up to MESSAGE_ROWS_PER_INSERT rows per INSERT, not one each. */
  private insertMessages(messages: readonly Message[]): void {
    for (let i = 0; i < messages.length; i += MESSAGE_ROWS_PER_INSERT) {
      const chunk = messages.slice(i, i + MESSAGE_ROWS_PER_INSERT);
      const args: unknown[] = [];
      for (const m of chunk) args.push(m.id, m.ticketId, m.clientMsgId ?? null, JSON.stringify(m));
      this.messageRowsStatement(chunk.length).run(...args);
    }
  }

  private messageRowsStatement(rows: number): Database.Statement {
    let st = this.insertMessageRows[rows - 1];
    if (!st) {
      st = this.db.prepare(
        `INSERT INTO messages (id, ticket_id, client_msg_id, data) VALUES ${MESSAGE_VALUES[rows - 1]!} ON CONFLICT DO NOTHING`,
      );
      this.insertMessageRows[rows - 1] = st;
    }
    return st;
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    const row = this.st.getTicket.get(id) as TicketRow | undefined;
    if (!row) return undefined;
    const rest = JSON.parse(row.data) as Omit<Ticket, 'messages' | 'aiActions'>;
    const messages = (this.st.ticketMessages.all(id) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Message,
    );
    // the ticket's aiActions are the AI's; human actions recorded since are only in listActions
    const aiActions = (this.st.listActions.all(id) as { data: string }[])
      .map((r) => JSON.parse(r.data) as TicketAction)
      .filter((a) => a.actor.kind === 'ai');
    const ticket: Ticket = {
      ...rest,
      status: row.status as Ticket['status'],
      priority: row.priority,
      slaDueAt: row.sla_due_at,
      tags: JSON.parse(row.tags) as string[],
      messages,
      aiActions,
    };
    if (row.assigned_to) ticket.assignedTo = row.assigned_to;
    else delete ticket.assignedTo;
    if (row.assigned_at !== null) ticket.assignedAt = row.assigned_at;
    else delete ticket.assignedAt;
    return ticket;
  }

  async getTicketHead(id: string) {
    const row = this.st.getTicket.get(id) as TicketRow | undefined;
    return row ? toHead(row) : undefined;
  }

  async updateTicket(id: string, patch: TicketPatch): Promise<void> {
    const cols: string[] = [];
    const vals: unknown[] = [];
    for (const [k, v] of Object.entries(patch) as [keyof TicketPatch, unknown][]) {
      if (v === undefined) continue;
      cols.push(`${PATCH_COLUMNS[k]} = ?`);
      vals.push(k === 'tags' ? JSON.stringify(v) : k === 'slaBreached' ? (v ? 1 : 0) : v);
    }
    if (!cols.length) return;
    this.cache.sql(`UPDATE tickets SET ${cols.join(', ')} WHERE id = ?`).run(...vals, id);
    // a closed ticket's integration conversation record is pruned CONVERSATION_RETAIN_MS after the
    // first close (closing is final); a no-op for a ticket that did not come through the integration API
    if (patch.status && TERMINAL_STATUSES.includes(patch.status))
      this.st.closeConversation.run(Date.now(), id);
  }

  async listTicketHeads(filter: {
    statuses?: readonly string[];
    assignedTo?: string;
  }): Promise<TicketHead[]> {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (filter.statuses?.length) {
      where.push(`status IN (${filter.statuses.map(() => '?').join(',')})`);
      vals.push(...filter.statuses);
    }
    if (filter.assignedTo !== undefined) {
      where.push('assigned_to = ?');
      vals.push(filter.assignedTo);
    }
    const sql = `SELECT id, status, intent, priority, assigned_to, created_at, sla_due_at, sla_breached FROM tickets
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY priority, sla_due_at, created_at, id`;
    return (this.cache.sql(sql).all(...vals) as TicketRow[]).map(toHead);
  }

  async countTickets(statuses: readonly string[]): Promise<number> {
    if (!statuses.length) return 0;
    const sql = `SELECT COUNT(*) AS n FROM tickets WHERE status IN (${statuses.map(() => '?').join(',')})`;
    return (this.cache.sql(sql).get(...statuses) as { n: number }).n;
  }

  async appendMessage(m: Message): Promise<{ message: Message; duplicate: boolean }> {
    const info = this.st.insertMessage.run(m.id, m.ticketId, m.clientMsgId ?? null, JSON.stringify(m));
    if (info.changes === 1) return { message: m, duplicate: false };
    if (m.clientMsgId) {
      const row = this.st.messageByClientId.get(m.ticketId, m.clientMsgId) as { data: string } | undefined;
      if (row) return { message: JSON.parse(row.data) as Message, duplicate: true };
    }
    throw new Error(`message ${m.id} already exists`);
  }

  async messageCount(ticketId: string): Promise<number> {
    return (this.st.messageCount.get(ticketId) as { n: number }).n;
  }
  async lastMessages(ticketId: string, n: number): Promise<Message[]> {
    return (this.st.lastMessages.all(ticketId, n) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Message,
    );
  }

  async insertAction(a: TicketAction): Promise<void> {
    this.st.insertAction.run(a.id, a.ticketId, JSON.stringify(a));
  }
  async listActions(ticketId: string): Promise<TicketAction[]> {
    return (this.st.listActions.all(ticketId) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as TicketAction,
    );
  }
  async insertAssignment(ticketId: string, record: AssignmentRecord): Promise<void> {
    this.st.insertAssignment.run(ticketId, record.at, JSON.stringify(record));
  }
  async listAssignments(ticketId: string): Promise<AssignmentRecord[]> {
    return (this.st.listAssignments.all(ticketId) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as AssignmentRecord,
    );
  }
}

function toHead(r: TicketRow): TicketHead {
  return {
    id: r.id,
    status: r.status as TicketHead['status'],
    intent: r.intent as Intent,
    priority: r.priority,
    assignedTo: r.assigned_to,
    createdAt: r.created_at,
    slaDueAt: r.sla_due_at,
    slaBreached: r.sla_breached === 1,
  };
}
