// API handlers for the queue and the conversation.
import { randomUUID } from 'node:crypto';
import type { Outcome } from '../../../shared/domain';
import { ApiError, type ApiHandlers, refuse } from '../api/router';
import type { CoreEvents } from '../events';
import type { OutboxService } from '../outbox/outbox-service';
import type { Session } from '../session/session';
import { sendAgentReply } from './send-reply';
import type { TicketStore } from './ticket-store';
import { parseTicketExport } from '../../../shared/ticket-export';

type TicketHandlers = Pick<
  ApiHandlers,
  | 'tickets.list'
  | 'tickets.get'
  | 'tickets.markRead'
  | 'tickets.reply'
  | 'tickets.close'
  | 'tickets.local'
  | 'tickets.saveDraft'
  | 'tickets.setLocal'
  | 'tickets.importBatch'
  | 'tickets.delivery'
>;

// Writes meant for the hub go through the outbox in the same transaction as the local change, so they
// work offline and survive a crash; the sender delivers them when the hub is reachable.
export function createTicketHandlers(
  store: TicketStore,
  session: Session,
  events: CoreEvents,
  outbox: OutboxService,
  /** Suggestion and marketing events recorded on the ticket, carried by its outcome (assist feature). */
  outcomeEvents?: (ticketId: string) => Pick<Outcome, 'suggestionEvents' | 'marketingEvents'>,
  /** Reads a file named by path or upload id (knowledge/api-handlers.ts readImportFile). */
  readFile?: (ref: { path: string } | { uploadId: string }) => { name: string; bytes: Buffer },
): TicketHandlers {
  const requireTicket = (ticketId: string) => {
    const ticket = store.get(ticketId);
    if (!ticket) throw refuse.ticketNotHere(ticketId);
    return ticket;
  };
  // The calls that only need the ticket to exist do not read it (opening a ticket makes several).
  const requireKnown = (ticketId: string) => {
    if (!store.has(ticketId)) throw refuse.ticketNotHere(ticketId);
  };
  const requireAgent = () => {
    const agent = session.agent;
    if (!agent) throw refuse.signInFirst();
    return agent;
  };
  const requireOpen = (ticketId: string) => {
    const ticket = requireTicket(ticketId);
    if (!store.isOpen(ticketId)) throw refuse.ticketClosed(ticketId);
    return ticket;
  };
  const afterWrite = (ticketId: string) => {
    const summary = store.summary(ticketId);
    if (summary) events.emit('tickets.upserted', summary);
    session.notify();
    outbox.flush();
  };

  return {
    'tickets.list': () => store.listOpen(),
    'tickets.get': ({ ticketId }) => ({
      ...requireTicket(ticketId),
      earlierMessages: store.earlierMessages(ticketId),
    }),
    'tickets.markRead': ({ ticketId }) => {
      requireKnown(ticketId);
      store.markRead(ticketId);
      const summary = store.summary(ticketId);
      if (summary) events.emit('tickets.upserted', summary);
      return { unread: 0 as const };
    },
    'tickets.local': ({ ticketId }) => {
      requireKnown(ticketId);
      return store.localWork(ticketId);
    },
    // Drafts are saved as the agent types, so a crash or a closed window loses nothing.
    'tickets.saveDraft': ({ ticketId, draft }) => {
      requireKnown(ticketId);
      const { savedAt } = store.saveLocalWork(ticketId, { draft });
      return { savedAt: savedAt ?? Date.now() };
    },
    'tickets.setLocal': ({ ticketId, note, tags, priority }) => {
      requireKnown(ticketId);
      store.saveLocalWork(ticketId, { note, tags, priority });
      const summary = store.summary(ticketId)!;
      events.emit('tickets.upserted', summary);
      return summary;
    },
    'tickets.delivery': ({ ticketId }) => {
      requireKnown(ticketId);
      return {
        ...outbox.outbox.keysFor(ticketId, 'ticket:reply'),
        channel: store.channel.forTicket(ticketId),
      };
    },
    'tickets.importBatch': (input) => {
      let name: string;
      let bytes: Buffer;
      if ('contentBase64' in input)
        ({ name, bytes } = { name: input.name, bytes: Buffer.from(input.contentBase64, 'base64') });
      else if (readFile) ({ name, bytes } = readFile(input));
      else throw new ApiError('BAD_REQUEST', 'tickets.importBatch: send the file content');
      let raw: unknown;
      try {
        raw = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new ApiError('BAD_REQUEST', `${name} is not a JSON file`);
      }
      let batch: ReturnType<typeof parseTicketExport>;
      try {
        batch = parseTicketExport(raw);
      } catch (err) {
        throw new ApiError('BAD_REQUEST', `${name}: ${(err as Error).message}`);
      }
      session.adoptOfflineAgent(batch.agentId);
      const fresh = batch.tickets.filter((t) => !store.has(t.id));
      store.transaction(() => fresh.forEach((t) => store.upsertTicket(t)));
      for (const t of fresh) {
        const summary = store.summary(t.id);
        if (summary) events.emit('tickets.upserted', summary);
      }
      const agent = session.agent;
      return {
        imported: fresh.length,
        alreadyHere: batch.tickets.length - fresh.length,
        errors: batch.errors,
        otherAgent: agent && agent.id !== batch.agentId ? batch.agentId : null,
      };
    },
    'tickets.reply': ({ ticketId, body }) => ({
      message: sendAgentReply({ store, session, events, outbox }, ticketId, body, { clearDraft: true }),
    }),
    'tickets.close': ({ ticketId, resolution, note, tags }) => {
      const ticket = requireOpen(ticketId);
      const agent = requireAgent();
      const facts = store.handlingFacts(ticketId);
      const local = store.localWork(ticketId);
      const now = Date.now();
      const startedAt = facts?.openedAt ?? ticket.assignedAt ?? ticket.createdAt;
      const outcome: Outcome = {
        idempotencyKey: randomUUID(),
        ticketId,
        agentId: agent.id,
        intent: ticket.intent,
        resolution,
        handleTimeMs: Math.max(0, now - startedAt),
        firstResponseMs:
          facts?.firstResponseAt != null ? Math.max(0, facts.firstResponseAt - startedAt) : null,
        messagesSent: facts?.messagesSent ?? 0,
        ...(outcomeEvents?.(ticketId) ?? { suggestionEvents: [], marketingEvents: [] }),
        conflictIds: [],
        tags: [...new Set([...local.tags, ...tags])].slice(0, 32),
        csat: null,
        note: note || local.note,
        closedAt: now,
      };
      store.transaction(() => {
        store.setStatus(ticketId, resolution);
        store.saveLocalWork(ticketId, { draft: '' });
        outbox.outbox.enqueue('ticket:outcome', outcome, outcome.idempotencyKey, ticketId);
      });
      // 待跟进 parks the ticket: it stays in the queue (marked, SLA paused) until closed again.
      if (resolution !== 'pending') events.emit('tickets.removed', { ticketId, reason: resolution });
      afterWrite(ticketId);
      return { outcome };
    },
  };
}
