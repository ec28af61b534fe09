// The embedded HubStore: one SQLite file (WAL) through better-sqlite3. Idempotency is enforced by the
// schema (primary keys / unique constraints), not only by application checks.
import Database from 'better-sqlite3';
import type { Conflict, Intent, KbDoc, Message, Outcome, Ticket, TicketAction } from '../../shared/domain';
import type { ServerEventName } from '../../shared/hub-protocol';
import type {
  AssignmentRecord,
  HubStore,
  KbDelta,
  KbDocInput,
  Metrics,
  ResolutionStat,
  StoredEvent,
  TicketHead,
  TicketPatch,
  UserRecord,
} from './types';

const SCHEMA_VERSION = 3;

const MIGRATION_1 = `
CREATE TABLE users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  skills TEXT NOT NULL, capacity INTEGER NOT NULL, password_hash TEXT, created_at INTEGER NOT NULL
);
CREATE TABLE tickets (
  id TEXT PRIMARY KEY, status TEXT NOT NULL, intent TEXT NOT NULL, priority INTEGER NOT NULL,
  assigned_to TEXT, assigned_at INTEGER, created_at INTEGER NOT NULL, sla_due_at INTEGER NOT NULL,
  sla_breached INTEGER NOT NULL DEFAULT 0, tags TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX tickets_status ON tickets(status, priority, sla_due_at, created_at);
CREATE INDEX tickets_assignee ON tickets(assigned_to, status);
CREATE TABLE messages (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, client_msg_id TEXT,
  data TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_client_id ON messages(ticket_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX messages_ticket ON messages(ticket_id, rowid);
CREATE TABLE actions (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX actions_ticket ON actions(ticket_id, rowid);
CREATE TABLE assignments (rowid INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX assignments_ticket ON assignments(ticket_id, rowid);
CREATE TABLE seq_heads (user_id TEXT PRIMARY KEY, head INTEGER NOT NULL);
CREATE TABLE events (
  user_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
CREATE TABLE commands (
  actor_id TEXT NOT NULL, command TEXT NOT NULL, key TEXT NOT NULL, result TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (actor_id, command, key)
) WITHOUT ROWID;
CREATE TABLE outcomes (
  idempotency_key TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, agent_id TEXT NOT NULL, intent TEXT NOT NULL,
  resolution TEXT NOT NULL, handle_time_ms INTEGER NOT NULL, closed_at INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX outcomes_agent_intent ON outcomes(agent_id, intent);
CREATE TABLE conversions (
  ticket_id TEXT NOT NULL, order_id TEXT NOT NULL, recommendation_id TEXT, amount REAL NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, order_id)
);
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, status TEXT NOT NULL,
  raised_at INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX conflicts_status ON conflicts(status, raised_at);
CREATE TABLE kb_docs (
  id TEXT PRIMARY KEY, tier TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL,
  version INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kb_docs_version ON kb_docs(version);
CREATE TABLE kb_meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
INSERT INTO kb_meta (k, v) VALUES ('version', 0);
`;

const MIGRATION_2 = `CREATE INDEX conflicts_ticket ON conflicts(ticket_id, status);`;
const MIGRATION_3 = `CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);`;

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
}

export interface SqliteStoreOptions {
  /** File path or ':memory:'. */
  path: string;
  /** NORMAL survives a process crash (kill -9) in WAL mode; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

export class SqliteHubStore implements HubStore {
  readonly db: Database.Database;
  private depth = 0;
  private readonly st: ReturnType<SqliteHubStore['prepare']>;

  constructor(opts: SqliteStoreOptions) {
    this.db = new Database(opts.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.st = this.prepare();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new Error(`hub database schema ${version} is newer than this hub (${SCHEMA_VERSION})`);
    if (version < 1) {
      this.db.transaction(() => {
        this.db.exec(MIGRATION_1);
        this.db.pragma('user_version = 1');
      })();
    }
    if (version < 2) {
      this.db.transaction(() => {
        this.db.exec(MIGRATION_2);
        this.db.pragma('user_version = 2');
      })();
    }
    if (version < 3) {
      this.db.transaction(() => {
        this.db.exec(MIGRATION_3);
        this.db.pragma('user_version = 3');
      })();
    }
  }

  private prepare() {
    const d = this.db;
    return {
      upsertUser: d.prepare(
        `INSERT INTO users (id, username, name, role, skills, capacity, password_hash, created_at)
         VALUES (@id, @username, @name, @role, @skills, @capacity, @passwordHash, @createdAt)
         ON CONFLICT(id) DO UPDATE SET username=excluded.username, name=excluded.name, role=excluded.role,
           skills=excluded.skills, capacity=excluded.capacity, password_hash=excluded.password_hash`,
      ),
      getUser: d.prepare('SELECT * FROM users WHERE id = ?'),
      getUserByName: d.prepare('SELECT * FROM users WHERE username = ?'),
      listUsers: d.prepare('SELECT * FROM users ORDER BY id'),
      insertTicket: d.prepare(
        `INSERT INTO tickets (id, status, intent, priority, assigned_to, assigned_at, created_at, sla_due_at, tags, data)
         VALUES (@id, @status, @intent, @priority, @assignedTo, @assignedAt, @createdAt, @slaDueAt, @tags, @data)`,
      ),
      getTicket: d.prepare('SELECT * FROM tickets WHERE id = ?'),
      ticketMessages: d.prepare('SELECT data FROM messages WHERE ticket_id = ? ORDER BY rowid'),
      lastMessages: d.prepare(
        'SELECT data FROM (SELECT rowid, data FROM messages WHERE ticket_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY rowid',
      ),
      insertMessage: d.prepare(
        'INSERT INTO messages (id, ticket_id, client_msg_id, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      messageByClientId: d.prepare('SELECT data FROM messages WHERE ticket_id = ? AND client_msg_id = ?'),
      insertAction: d.prepare(
        'INSERT INTO actions (id, ticket_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING',
      ),
      listActions: d.prepare('SELECT data FROM actions WHERE ticket_id = ? ORDER BY rowid'),
      insertAssignment: d.prepare('INSERT INTO assignments (ticket_id, at, data) VALUES (?, ?, ?)'),
      listAssignments: d.prepare('SELECT data FROM assignments WHERE ticket_id = ? ORDER BY rowid'),
      bumpSeq: d.prepare(
        'INSERT INTO seq_heads (user_id, head) VALUES (?, 1) ON CONFLICT(user_id) DO UPDATE SET head = head + 1 RETURNING head',
      ),
      headSeq: d.prepare('SELECT head FROM seq_heads WHERE user_id = ?'),
      insertEvent: d.prepare('INSERT INTO events (user_id, seq, name, payload, at) VALUES (?, ?, ?, ?, ?)'),
      eventsAfter: d.prepare(
        'SELECT seq, name, payload, at FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      getCommand: d.prepare('SELECT result FROM commands WHERE actor_id = ? AND command = ? AND key = ?'),
      putCommand: d.prepare(
        'INSERT INTO commands (actor_id, command, key, result, at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertOutcome: d.prepare(
        `INSERT INTO outcomes (idempotency_key, ticket_id, agent_id, intent, resolution, handle_time_ms, closed_at, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
      ),
      resolutionStats: d.prepare(
        `SELECT agent_id AS agentId, intent, SUM(resolution = 'resolved') AS resolved, COUNT(*) AS total
         FROM outcomes GROUP BY agent_id, intent`,
      ),
      insertConversion: d.prepare(
        'INSERT INTO conversions (ticket_id, order_id, recommendation_id, amount, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      insertConflict: d.prepare(
        'INSERT INTO conflicts (id, dedup_key, ticket_id, status, raised_at, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      getConflict: d.prepare('SELECT data FROM conflicts WHERE id = ?'),
      updateConflict: d.prepare('UPDATE conflicts SET status = ?, data = ? WHERE id = ?'),
      kbVersion: d.prepare("SELECT v FROM kb_meta WHERE k = 'version'"),
      kbSetVersion: d.prepare("UPDATE kb_meta SET v = ? WHERE k = 'version'"),
      kbUpsert: d.prepare(
        `INSERT INTO kb_docs (id, tier, title, body, tags, version, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET tier=excluded.tier, title=excluded.title, body=excluded.body, tags=excluded.tags,
           version=excluded.version, updated_at=excluded.updated_at, deleted=0`,
      ),
      kbDelete: d.prepare(
        'UPDATE kb_docs SET deleted = 1, version = ?, updated_at = ? WHERE id = ? AND deleted = 0',
      ),
      kbSince: d.prepare('SELECT * FROM kb_docs WHERE version > ? ORDER BY version, id'),
      kbGet: d.prepare('SELECT * FROM kb_docs WHERE id = ? AND deleted = 0'),
      kbCount: d.prepare('SELECT COUNT(*) AS n FROM kb_docs WHERE deleted = 0'),
    };
  }

  /** Outermost call: BEGIN IMMEDIATE … COMMIT. Nested calls: a SAVEPOINT, so an inner failure rolls back only itself. */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    const depth = this.depth++;
    const sp = `sp${depth}`;
    this.sql(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${sp}`).run();
    try {
      const result = await fn();
      this.sql(depth === 0 ? 'COMMIT' : `RELEASE ${sp}`).run();
      return result;
    } catch (err) {
      if (this.db.inTransaction) {
        if (depth === 0) this.sql('ROLLBACK').run();
        else {
          this.sql(`ROLLBACK TO ${sp}`).run();
          this.sql(`RELEASE ${sp}`).run();
        }
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  private readonly cache = new Map<string, Database.Statement>();
  /** Prepared-statement cache for the few queries built at run time. */
  private sql(text: string): Database.Statement {
    let st = this.cache.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.cache.set(text, st);
    }
    return st;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (this.sql('SELECT v FROM meta WHERE k = ?').get(key) as { v: string } | undefined)?.v;
  }
  async setMeta(key: string, value: string): Promise<void> {
    this.sql('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v').run(
      key,
      value,
    );
  }
  async maxTicketIndex(prefix: string): Promise<number> {
    const rows = this.sql('SELECT id FROM tickets WHERE id >= ? AND id < ?').all(
      prefix,
      `${prefix}\uffff`,
    ) as { id: string }[];
    let max = 0;
    for (const r of rows) {
      const n = Number.parseInt(r.id.slice(prefix.length), 10);
      if (Number.isFinite(n) && n > max) max = n;
    }
    return max;
  }

  // ── users ──────────────────────────────────────────────────────────────────────────────────────
  async upsertUser(u: UserRecord): Promise<void> {
    this.st.upsertUser.run({ ...u, skills: JSON.stringify(u.skills) });
  }
  async getUser(id: string) {
    return toUser(this.st.getUser.get(id));
  }
  async getUserByUsername(username: string) {
    return toUser(this.st.getUserByName.get(username));
  }
  async listUsers() {
    return (this.st.listUsers.all() as unknown[]).map((r) => toUser(r)!);
  }

  // ── tickets ────────────────────────────────────────────────────────────────────────────────────
  async insertTicket(t: Ticket): Promise<void> {
    const { messages, aiActions, ...rest } = t;
    this.db.transaction(() => {
      this.st.insertTicket.run({
        id: t.id,
        status: t.status,
        intent: t.intent,
        priority: t.priority,
        assignedTo: t.assignedTo ?? null,
        assignedAt: t.assignedAt ?? null,
        createdAt: t.createdAt,
        slaDueAt: t.slaDueAt,
        tags: JSON.stringify(t.tags),
        data: JSON.stringify(rest),
      });
      for (const m of messages)
        this.st.insertMessage.run(m.id, m.ticketId, m.clientMsgId ?? null, JSON.stringify(m));
      for (const a of aiActions) this.st.insertAction.run(a.id, a.ticketId, JSON.stringify(a));
    })();
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    const row = this.st.getTicket.get(id) as TicketRow | undefined;
    if (!row) return undefined;
    const rest = JSON.parse(row.data) as Omit<Ticket, 'messages' | 'aiActions'>;
    const messages = (this.st.ticketMessages.all(id) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Message,
    );
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
    const map: Record<keyof TicketPatch, string> = {
      status: 'status',
      assignedTo: 'assigned_to',
      assignedAt: 'assigned_at',
      priority: 'priority',
      slaDueAt: 'sla_due_at',
      slaBreached: 'sla_breached',
      tags: 'tags',
    };
    for (const [k, v] of Object.entries(patch) as [keyof TicketPatch, unknown][]) {
      if (v === undefined) continue;
      cols.push(`${map[k]} = ?`);
      vals.push(k === 'tags' ? JSON.stringify(v) : k === 'slaBreached' ? (v ? 1 : 0) : v);
    }
    if (!cols.length) return;
    this.sql(`UPDATE tickets SET ${cols.join(', ')} WHERE id = ?`).run(...vals, id);
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
    return (this.sql(sql).all(...vals) as TicketRow[]).map(toHead);
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

  // ── replay log ─────────────────────────────────────────────────────────────────────────────────
  async appendEvent(
    userId: string,
    name: ServerEventName,
    payload: Record<string, unknown>,
    at: number,
  ): Promise<StoredEvent> {
    const run = () => {
      const { head } = this.st.bumpSeq.get(userId) as { head: number };
      const full = { ...payload, seq: head };
      this.st.insertEvent.run(userId, head, name, JSON.stringify(full), at);
      return { seq: head, name, payload: full, at };
    };
    // Inside atomically() already (the hub's normal path): no extra savepoint needed.
    return this.db.inTransaction ? run() : this.db.transaction(run)();
  }
  async eventsAfter(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return (
      this.st.eventsAfter.all(userId, afterSeq, limit) as {
        seq: number;
        name: string;
        payload: string;
        at: number;
      }[]
    ).map((r) => ({
      seq: r.seq,
      name: r.name as ServerEventName,
      payload: JSON.parse(r.payload) as StoredEvent['payload'],
      at: r.at,
    }));
  }
  async headSeq(userId: string): Promise<number> {
    return (this.st.headSeq.get(userId) as { head: number } | undefined)?.head ?? 0;
  }

  // ── idempotent commands ───────────────────────────────────────────────────────────────────────
  async getCommandResult(actorId: string, command: string, key: string): Promise<unknown | undefined> {
    const row = this.st.getCommand.get(actorId, command, key) as { result: string } | undefined;
    return row ? (JSON.parse(row.result) as unknown) : undefined;
  }
  async putCommandResult(
    actorId: string,
    command: string,
    key: string,
    result: unknown,
    at: number,
  ): Promise<void> {
    this.st.putCommand.run(actorId, command, key, JSON.stringify(result), at);
  }

  // ── feedback ──────────────────────────────────────────────────────────────────────────────────
  async insertOutcome(o: Outcome): Promise<boolean> {
    const info = this.st.insertOutcome.run(
      o.idempotencyKey,
      o.ticketId,
      o.agentId,
      o.intent,
      o.resolution,
      o.handleTimeMs,
      o.closedAt,
      JSON.stringify(o),
    );
    return info.changes === 1;
  }

  async metrics(intent?: Intent): Promise<Metrics> {
    const rows = (
      intent
        ? this.db.prepare('SELECT data FROM outcomes WHERE intent = ?').all(intent)
        : this.db.prepare('SELECT data FROM outcomes').all()
    ) as { data: string }[];
    const outcomes = rows.map((r) => JSON.parse(r.data) as Outcome);
    return aggregate(outcomes);
  }

  async resolutionStats(): Promise<ResolutionStat[]> {
    return this.st.resolutionStats.all() as ResolutionStat[];
  }

  async recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ): Promise<void> {
    this.st.insertConversion.run(ticketId, orderId, recommendationId, amount, at);
  }

  // ── conflicts ─────────────────────────────────────────────────────────────────────────────────
  async insertConflict(c: Conflict, dedupKey: string): Promise<boolean> {
    return (
      this.st.insertConflict.run(c.id, dedupKey, c.ticketId, c.status, c.raisedAt, JSON.stringify(c))
        .changes === 1
    );
  }
  async getConflict(id: string): Promise<Conflict | undefined> {
    const row = this.st.getConflict.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Conflict) : undefined;
  }
  async updateConflict(c: Conflict): Promise<void> {
    this.st.updateConflict.run(c.status, JSON.stringify(c), c.id);
  }
  async listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }): Promise<Conflict[]> {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      vals.push(filter.status);
    }
    if (filter.ticketId) {
      where.push('ticket_id = ?');
      vals.push(filter.ticketId);
    }
    const sql = `SELECT data FROM conflicts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY raised_at, id`;
    return (this.sql(sql).all(...vals) as { data: string }[]).map((r) => JSON.parse(r.data) as Conflict);
  }

  // ── knowledge ─────────────────────────────────────────────────────────────────────────────────
  async kbVersion(): Promise<number> {
    return (this.st.kbVersion.get() as { v: number }).v;
  }
  async kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number): Promise<number> {
    return this.db.transaction(() => {
      const version = (this.st.kbVersion.get() as { v: number }).v + 1;
      for (const d of upserts)
        this.st.kbUpsert.run(d.id, d.tier, d.title, d.body, JSON.stringify(d.tags), version, at);
      for (const id of deleteIds) this.st.kbDelete.run(version, at, id);
      this.st.kbSetVersion.run(version);
      return version;
    })();
  }
  async kbSince(sinceVersion: number): Promise<KbDelta> {
    const rows = this.st.kbSince.all(sinceVersion) as KbRow[];
    const docs: KbDoc[] = [];
    const deletedIds: string[] = [];
    for (const r of rows) {
      if (r.deleted) deletedIds.push(r.id);
      else docs.push(toKbDoc(r));
    }
    return { version: await this.kbVersion(), docs, deletedIds };
  }
  async kbGet(id: string): Promise<KbDoc | undefined> {
    const r = this.st.kbGet.get(id) as KbRow | undefined;
    return r ? toKbDoc(r) : undefined;
  }
  async kbCount(): Promise<number> {
    return (this.st.kbCount.get() as { n: number }).n;
  }
}

interface KbRow {
  id: string;
  tier: string;
  title: string;
  body: string;
  tags: string;
  version: number;
  updated_at: number;
  deleted: number;
}

function toKbDoc(r: KbRow): KbDoc {
  return {
    id: r.id,
    tier: r.tier as KbDoc['tier'],
    title: r.title,
    body: r.body,
    tags: JSON.parse(r.tags) as string[],
    version: r.version,
    updatedAt: r.updated_at,
  };
}

function toUser(row: unknown): UserRecord | undefined {
  if (!row) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as string,
    username: r.username as string,
    name: r.name as string,
    role: r.role as UserRecord['role'],
    skills: JSON.parse(r.skills as string) as Intent[],
    capacity: r.capacity as number,
    passwordHash: (r.password_hash as string | null) ?? null,
    createdAt: r.created_at as number,
  };
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

/** Feedback aggregates over a set of outcomes (pure; shared by every store implementation). */
export function aggregate(outcomes: readonly Outcome[]): Metrics {
  const shown = new Map<string, Set<string>>();
  const adopted = new Map<string, Set<string>>();
  let mSent = 0;
  let mConverted = 0;
  let handle = 0;
  const byIntent = new Map<string, { resolved: number; total: number }>();
  for (const o of outcomes) {
    handle += o.handleTimeMs;
    for (const e of o.suggestionEvents) {
      const id = `${o.ticketId}:${e.suggestionId}`;
      if (!shown.has(e.source)) shown.set(e.source, new Set());
      if (!adopted.has(e.source)) adopted.set(e.source, new Set());
      shown.get(e.source)!.add(id);
      if (e.event === 'sent' || e.event === 'inserted') adopted.get(e.source)!.add(id);
    }
    const sent = new Set<string>();
    const converted = new Set<string>();
    for (const e of o.marketingEvents) {
      if (e.event === 'sent') sent.add(e.recommendationId);
      if (e.event === 'converted') converted.add(e.recommendationId);
    }
    mSent += sent.size;
    mConverted += [...converted].filter((id) => sent.has(id)).length;
    const s = byIntent.get(o.intent) ?? { resolved: 0, total: 0 };
    s.total++;
    if (o.resolution === 'resolved') s.resolved++;
    byIntent.set(o.intent, s);
  }
  const adoptionBySource: Record<string, number> = {};
  for (const [src, ids] of shown) adoptionBySource[src] = ratio(adopted.get(src)?.size ?? 0, ids.size);
  const resolutionRateByIntent: Record<string, number> = {};
  for (const [intent, s] of byIntent) resolutionRateByIntent[intent] = ratio(s.resolved, s.total);
  return {
    outcomes: outcomes.length,
    adoptionBySource,
    marketingConversion: ratio(mConverted, mSent),
    avgHandleTimeMs: outcomes.length ? Math.round(handle / outcomes.length) : 0,
    resolutionRateByIntent,
  };
}

function ratio(a: number, b: number): number {
  return b ? Math.round((a / b) * 10_000) / 10_000 : 0;
}
