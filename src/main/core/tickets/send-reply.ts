// Sending an agent message into a conversation: the one reply path shared by `tickets.reply` and
// features that send cards (marketing). The local message and its outbox row are written in one
// transaction, so the reply works offline and survives a crash; the sender delivers it later.
import { randomUUID } from 'node:crypto';
import type { Message } from '../../../shared/domain';
import type { z } from 'zod';
import type { ReplyBodySchema } from '../../../shared/hub-protocol';
import { refuse } from '../api/router';
import type { CoreEvents } from '../events';
import type { OutboxService } from '../outbox/outbox-service';
import type { Session } from '../session/session';
import type { TicketStore } from './ticket-store';

export type ReplyBody = z.infer<typeof ReplyBodySchema>;

export interface ReplyDeps {
  store: TicketStore;
  session: Pick<Session, 'agent' | 'notify'>;
  events: CoreEvents;
  outbox: OutboxService;
}

export interface ReplyOptions {
  /** The composer's draft became this message (a typed reply), so the saved draft is cleared with it. */
  clearDraft?: boolean;
  /** Extra writes that must commit or fail together with the message (e.g. a marketing 'sent' event). */
  inTransaction?: (message: Message) => void;
}

export function sendAgentReply(
  deps: ReplyDeps,
  ticketId: string,
  body: ReplyBody,
  options: ReplyOptions = {},
): Message {
  const { store, session, events, outbox } = deps;
  if (!store.has(ticketId)) throw refuse.ticketNotHere(ticketId);
  if (!store.isOpen(ticketId)) throw refuse.ticketClosed(ticketId);
  if (!session.agent) throw refuse.signInFirst();
  const clientMsgId = randomUUID();
  const message = {
    id: clientMsgId,
    ticketId,
    from: 'agent',
    at: Date.now(),
    clientMsgId,
    ...body,
  } as Message;
  store.transaction(() => {
    store.addMessage(message);
    if (options.clearDraft) store.saveLocalWork(ticketId, { draft: '' });
    outbox.outbox.enqueue('ticket:reply', { ticketId, clientMsgId, body }, clientMsgId, ticketId);
    options.inTransaction?.(message);
  });
  events.emit('tickets.message', { ticketId, message });
  const summary = store.summary(ticketId);
  if (summary) events.emit('tickets.upserted', summary);
  session.notify();
  outbox.flush();
  return message;
}
