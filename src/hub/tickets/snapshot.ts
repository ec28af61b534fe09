// A long ticket travels as its recent part: the snapshot keeps the last SNAPSHOT_MESSAGES messages and
// says how many earlier ones it left out; `ticket:messages` pages those on request.
import type { Message, Ticket } from '../../shared/domain';
import { MAX_TICKET_MESSAGES, SNAPSHOT_MESSAGES } from '../../shared/hub-protocol';
import { HubError, type HubContext } from '../context';

/** Refuses a message the ticket has no room for, saying what to do instead. */
export async function assertRoomForMessage(ctx: HubContext, ticketId: string): Promise<void> {
  if ((await ctx.store.messageCount(ticketId)) >= MAX_TICKET_MESSAGES)
    throw new HubError(
      'CONFLICT',
      `ticket ${ticketId} has reached its limit of ${MAX_TICKET_MESSAGES} messages: close it and continue in a new ticket`,
    );
}

export function snapshotTicket(ticket: Ticket): { ticket: Ticket; earlierMessages?: number } {
  const earlier = ticket.messages.length - SNAPSHOT_MESSAGES;
  if (earlier <= 0) return { ticket };
  return { ticket: { ...ticket, messages: ticket.messages.slice(earlier) }, earlierMessages: earlier };
}

/** The `limit` messages before position `before` (clamped to the conversation), and where they start. */
export function messagePage(
  messages: readonly Message[],
  before: number,
  limit: number,
): { messages: Message[]; start: number } {
  const end = Math.min(before, messages.length);
  const start = Math.max(0, end - limit);
  return { messages: messages.slice(start, end), start };
}
