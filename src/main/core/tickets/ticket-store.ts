// All SQL for tickets, messages and the sync cursor lives here (Signal's "SQL behind one module").
// Rows keep the validated contract object as JSON plus the columns we sort and filter on.
import type { LocalWork, TicketSummary } from '../../../shared/api';
import { briefOf } from '../../../shared/message-brief';
import {
  MessageSchema,
  TicketActionSchema,
  TicketSchema,
  type Message,
  type Recommendation,
  type Suggestion,
  type Ticket,
  type TicketAction,
  type TicketStatus,
} from '../../../shared/domain';
import { openMessage, redactedMessage, sealMessage, type StoredMessage } from '../crypto/message-pii';
import { PiiCipher } from '../crypto/pii-cipher';
import {
  assertKeyOpensStoredPii,
  openCustomerPii,
  sealCustomerPii,
  sealExistingTicketRows,
} from '../crypto/ticket-pii';
import { migrate, prepared, withRelaxedSync, type Db } from '../db/database';
import { ChannelDeliveries } from './channel-delivery';
import {
  LAST_BRIEF_MIGRATION,
  TICKET_TABLE_MIGRATIONS as migrations,
  sealedMessagesMigration,
  WAITING_SINCE_MIGRATION,
  waitingSinceFromStore,
} from './ticket-migrations';
import { OpenedCache } from './opened-cache';
import { previewOf } from './preview';
import { summaryOf, type TicketRow } from './summary';

const OPEN_STATUSES: readonly TicketStatus[] = ['escalated', 'assigned', 'active', 'pending'];
/**
 * Closed on this workstation: a later hub snapshot that still shows the ticket open (the outcome is
 * still in the outbox, or the hub re-routed it to us after an outage) must not reopen it here, or the
 * agent would close it twice and the feedback loop would count two outcomes.
 */
const CLOSED_SQL = `('resolved', 'transferred', 'returned_to_bot')`;

type TicketHeader = Omit<Ticket, 'messages'>;

/** Built once: zod compiles a schema on first use, and `.omit()` makes a new one each time. */
const HeaderSchema = TicketSchema.omit({ messages: true });
/** Headers of an agent's open tickets and a few more; the messages of a few long conversations. */
const OPENED_HEADERS = 256;
const OPENED_MESSAGES = 4096;

export class TicketStore {
  private readonly pii: PiiCipher;
  /** The customer channel's delivery reports for the agent's messages (`ticket:delivery`). */
  readonly channel: ChannelDeliveries;
  private readonly headers = new OpenedCache<TicketHeader>(OPENED_HEADERS, structuredClone);
  /** Sealed messages' decrypted JSON (a string: nothing to copy). */
  private readonly openedMessages = new OpenedCache<string>(OPENED_MESSAGES);

  /**
   * Customer name, phone and address are stored SM4-GCM encrypted (src/main/core/crypto). An in-memory
   * database may omit `cipher` and gets a key that dies with it; a database file must be given the
   * cipher holding its data key, or its PII could not be read after a restart.
   */
  constructor(
    private readonly db: Db,
    cipher?: PiiCipher,
  ) {
    if (!cipher && !db.memory) throw new Error('TicketStore on a database file needs the PII cipher');
    this.pii = cipher ?? PiiCipher.ephemeral();
    const pii = this.pii;
    migrate(db, 'tickets', [
      ...migrations,
      {
        version: 4,
        name: 'encrypt customer name, phone and address (SM4-GCM) in stored tickets',
        up: (d) => void sealExistingTicketRows(d, pii),
      },
      WAITING_SINCE_MIGRATION,
      sealedMessagesMigration((m) => sealMessage(pii, m)),
    ]);
    // Its own feature name, so it needs no number from the tickets list that others also extend.
    migrate(db, 'tickets-brief', [LAST_BRIEF_MIGRATION]);
    assertKeyOpensStoredPii(db, pii);
    this.channel = new ChannelDeliveries(db);
  }

  /** Runs `fn` in one transaction; the sync client applies an event and its seq together with it. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getState(key: string): string | undefined {
    const row = prepared(this.db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  /** Drafts typed and not sent, on tickets still open: local work that exists nowhere else. */
  draftCount(): number {
    const row = prepared(
      this.db,

      `SELECT COUNT(*) AS n FROM ticket_local l JOIN tickets t ON t.id = l.ticket_id
         WHERE l.draft <> '' AND t.status NOT IN ('resolved', 'transferred', 'returned_to_bot')`,
    ).get() as { n: number };
    return row.n;
  }

  setState(key: string, value: string): void {
    prepared(
      this.db,

      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  /** Older hub messages of a long ticket not stored here yet (its snapshot carried the recent part). */
  earlierMessages(ticketId: string): number {
    return Number(this.getState(`earlier:${ticketId}`) ?? 0);
  }

  setEarlierMessages(ticketId: string, count: number): void {
    this.setState(`earlier:${ticketId}`, String(count));
  }

  /** Stores a page of older messages without touching unread, preview or waiting time; returns how many were new. */
  addEarlierMessages(messages: readonly Message[]): number {
    let added = 0;
    for (const m of messages) if (this.insertMessage(m)) added++;
    return added;
  }

  lastSeq(): number {
    return Number(this.getState('last_seq') ?? 0);
  }

  setLastSeq(seq: number): void {
    this.setState('last_seq', String(seq));
  }

  /** Stores a ticket snapshot. Messages already held are kept; new ones are added. */
  upsertTicket(ticket: Ticket): void {
    const { messages, ...header } = ticket;
    const last = messages.at(-1);
    const existing = this.header(ticket.id);
    prepared(
      this.db,

      `INSERT INTO tickets (id, data, status, priority, sla_due_at, created_at, last_message_at, last_preview, last_brief, unread)
         VALUES (@id, @data, @status, @priority, @sla, @created, @lastAt, @preview, @brief, @unread)
         ON CONFLICT(id) DO UPDATE SET
           data = CASE WHEN tickets.status IN ${CLOSED_SQL} THEN json_set(excluded.data, '$.status', tickets.status) ELSE excluded.data END,
           status = CASE WHEN tickets.status IN ${CLOSED_SQL} THEN tickets.status ELSE excluded.status END,
           priority = excluded.priority,
           sla_due_at = excluded.sla_due_at,
           last_message_at = MAX(tickets.last_message_at, excluded.last_message_at),
           last_preview = CASE WHEN excluded.last_message_at >= tickets.last_message_at THEN excluded.last_preview ELSE tickets.last_preview END,
           last_brief = CASE WHEN excluded.last_message_at >= tickets.last_message_at THEN excluded.last_brief ELSE tickets.last_brief END`,
    ).run({
      id: ticket.id,
      data: JSON.stringify(sealCustomerPii(this.pii, header)),
      status: ticket.status,
      priority: ticket.priority,
      sla: ticket.slaDueAt,
      created: ticket.createdAt,
      lastAt: last?.at ?? ticket.createdAt,
      preview: last ? previewOf(redactedMessage(last).redacted) : '',
      brief: last ? JSON.stringify(briefOf(redactedMessage(last).redacted)) : null,
      unread: existing ? 0 : messages.filter((m) => m.from === 'customer').length > 0 ? 1 : 0,
    });
    for (const m of messages) this.insertMessage(m);
    // A snapshot may bring history this store never saw message by message: recount from what is stored.
    prepared(this.db, 'UPDATE tickets SET waiting_since = ? WHERE id = ?').run(
      waitingSinceFromStore(this.db, ticket.id, ticket.createdAt),
      ticket.id,
    );
  }

  /** Adds a message; returns false when it was already stored (a replayed or resent event). */
  addMessage(message: Message): boolean {
    const stored = this.insertMessage(message);
    if (!stored) return false;
    const bumpUnread = message.from === 'customer' ? 1 : 0;
    const sent = message.from === 'agent' ? 1 : 0;
    prepared(
      this.db,

      `UPDATE tickets SET last_message_at = MAX(last_message_at, @at), last_preview = @preview, last_brief = @brief,
           unread = unread + @bump, messages_sent = messages_sent + @sent,
           waiting_since = CASE WHEN @sent = 1 THEN NULL WHEN @bump = 1 THEN COALESCE(waiting_since, @at) ELSE waiting_since END,
           first_response_at = CASE WHEN @sent = 1 AND first_response_at IS NULL THEN @at ELSE first_response_at END
         WHERE id = @ticketId`,
    ).run({
      at: message.at,
      preview: previewOf(stored),
      brief: JSON.stringify(briefOf(stored)),
      bump: bumpUnread,
      sent,
      ticketId: message.ticketId,
    });
    return true;
  }

  /** Stores a message (its personal data sealed); returns the redacted copy, or null if it was already held. */
  private insertMessage(message: Message): Message | null {
    const { data, sealed, redacted } = sealMessage(this.pii, message);
    const info = prepared(
      this.db,

      'INSERT OR IGNORE INTO messages (id, ticket_id, at, data, sealed, client_msg_id) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(message.id, message.ticketId, message.at, data, sealed, message.clientMsgId ?? null);
    return info.changes > 0 ? redacted : null;
  }

  /** Whether this workstation holds the ticket (without reading it). */
  has(ticketId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM tickets WHERE id = ?').get(ticketId) !== undefined;
  }

  /** Whether the ticket is still in this agent's queue (not closed, transferred or returned). */
  isOpen(ticketId: string): boolean {
    const row = this.row(ticketId);
    return !!row && OPEN_STATUSES.includes(row.status);
  }

  setStatus(ticketId: string, status: TicketStatus): boolean {
    const header = this.header(ticketId);
    if (!header) return false;
    if (!OPEN_STATUSES.includes(header.status) && OPEN_STATUSES.includes(status)) return false; // see CLOSED_SQL
    this.writeHeader({ ...header, status });
    return true;
  }

  setPriority(ticketId: string, priority: number, slaDueAt: number): boolean {
    const header = this.header(ticketId);
    if (!header) return false;
    this.writeHeader({ ...header, priority, slaDueAt });
    return true;
  }

  addAction(action: TicketAction): boolean {
    const header = this.header(action.ticketId);
    if (!header) return false;
    if (header.aiActions.some((a) => a.id === action.id)) return false;
    this.writeHeader({ ...header, aiActions: [...header.aiActions, TicketActionSchema.parse(action)] });
    return true;
  }

  setAssist(ticketId: string, suggestions: Suggestion[], recommendations: Recommendation[]): boolean {
    const header = this.header(ticketId);
    if (!header) return false;
    this.writeHeader({ ...header, suggestions, recommendations });
    return true;
  }

  /** A read mark lost to a power cut only shows the ticket unread again: not worth an fsync. */
  markRead(ticketId: string): void {
    withRelaxedSync(this.db, () =>
      prepared(this.db, 'UPDATE tickets SET unread = 0, opened_at = COALESCE(opened_at, ?) WHERE id = ?').run(
        Date.now(),
        ticketId,
      ),
    );
  }

  get(ticketId: string): Ticket | undefined {
    const header = this.header(ticketId);
    if (!header) return undefined;
    const rows = prepared(
      this.db,
      'SELECT id, data, sealed FROM messages WHERE ticket_id = ? ORDER BY at, rowid',
    ).all(ticketId) as ({ id: string } & StoredMessage)[];
    return {
      ...header,
      messages: rows.map((r) => MessageSchema.parse(JSON.parse(this.openMessage(r)))),
    };
  }

  private openMessage(row: { id: string } & StoredMessage): string {
    if (row.sealed === null) return row.data;
    const cached = this.openedMessages.get(row.id, row.sealed);
    if (cached !== undefined) return cached;
    const json = openMessage(this.pii, row.id, row);
    this.openedMessages.set(row.id, row.sealed, json);
    return json;
  }

  /** Handling facts the outcome needs, kept as columns so closing never scans the history. */
  handlingFacts(
    ticketId: string,
  ): { openedAt: number | null; firstResponseAt: number | null; messagesSent: number } | undefined {
    const row = this.row(ticketId);
    if (!row) return undefined;
    return {
      openedAt: row.opened_at,
      firstResponseAt: row.first_response_at,
      messagesSent: row.messages_sent,
    };
  }

  summary(ticketId: string): TicketSummary | undefined {
    const row = this.row(ticketId);
    return row ? summaryOf(row, this.localWork(row.id)) : undefined;
  }

  /** Open tickets for the queue: most urgent first, then nearest SLA. */
  listOpen(): TicketSummary[] {
    const placeholders = OPEN_STATUSES.map(() => '?').join(',');
    const rows = prepared(
      this.db,
      `SELECT * FROM tickets WHERE status IN (${placeholders}) ORDER BY priority, sla_due_at`,
    ).all(...OPEN_STATUSES) as TicketRow[];
    return rows.map((r) => summaryOf(r, this.localWork(r.id)));
  }

  localWork(ticketId: string): LocalWork {
    const row = prepared(this.db, 'SELECT * FROM ticket_local WHERE ticket_id = ?').get(ticketId) as
      | { draft: string; note: string; tags: string; priority: number | null; saved_at: number | null }
      | undefined;
    if (!row) return { draft: '', note: '', tags: [], priority: null, savedAt: null };
    return {
      draft: row.draft,
      note: row.note,
      tags: JSON.parse(row.tags) as string[],
      priority: row.priority,
      savedAt: row.saved_at,
    };
  }

  /** Saves what the agent changed locally; fields left undefined keep their stored value. */
  saveLocalWork(ticketId: string, patch: Partial<Omit<LocalWork, 'savedAt'>>): LocalWork {
    const next = {
      ...this.localWork(ticketId),
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    const savedAt = Date.now();
    prepared(
      this.db,

      `INSERT INTO ticket_local (ticket_id, draft, note, tags, priority, saved_at) VALUES (@id, @draft, @note, @tags, @priority, @savedAt)
         ON CONFLICT(ticket_id) DO UPDATE SET draft = excluded.draft, note = excluded.note, tags = excluded.tags,
           priority = excluded.priority, saved_at = excluded.saved_at`,
    ).run({
      id: ticketId,
      draft: next.draft,
      note: next.note,
      tags: JSON.stringify(next.tags),
      priority: next.priority,
      savedAt,
    });
    return { ...next, savedAt };
  }

  private row(ticketId: string): TicketRow | undefined {
    return prepared(this.db, 'SELECT * FROM tickets WHERE id = ?').get(ticketId) as TicketRow | undefined;
  }

  private header(ticketId: string): TicketHeader | undefined {
    const row = this.row(ticketId);
    if (!row) return undefined;
    const cached = this.headers.get(ticketId, row.data);
    if (cached) return cached;
    const stored = JSON.parse(row.data) as TicketHeader;
    const header = HeaderSchema.parse(openCustomerPii(this.pii, stored)) as TicketHeader;
    this.headers.set(ticketId, row.data, header);
    return header;
  }

  private writeHeader(header: TicketHeader): void {
    prepared(
      this.db,
      'UPDATE tickets SET data = ?, status = ?, priority = ?, sla_due_at = ? WHERE id = ?',
    ).run(
      JSON.stringify(sealCustomerPii(this.pii, header)),
      header.status,
      header.priority,
      header.slaDueAt,
      header.id,
    );
  }
}
