// Conversations the renderer already holds, so opening a ticket shows its messages in the click's
// own render instead of after a round trip to the core (measured: the answer reached a renderer busy
// with the click's work, and the core itself may be in the middle of background assist work). Two
// sources: the ticket last on screen (kept when the agent switches away) and tickets of the queue
// fetched ahead in idle time (useHeldConversations). Each entry is kept live from the same events as
// the open conversation (a new message is appended; any other change drops it), and an open shown
// from here is always refreshed from the core right after, so what is held is never trusted for long.
import type { Message, Ticket } from '../../shared/domain';
import { appendMessage } from './messages';

export interface HeldConversation {
  ticket: Ticket;
  messages: readonly Message[];
  earlierMessages: number;
}

/** An agent's queue holds at most 50 tickets (AgentProfile.capacity). */
export const HELD_MAX = 50;
/** A long conversation is not worth holding in memory: opening it fetches it. */
export const HELD_MAX_MESSAGES = 1000;

const held = new Map<string, HeldConversation>();

export function takeHeld(ticketId: string): HeldConversation | undefined {
  const hit = held.get(ticketId);
  held.delete(ticketId);
  return hit;
}

export function isHeld(ticketId: string): boolean {
  return held.has(ticketId);
}

export function hold(entry: HeldConversation): void {
  const id = entry.ticket.id;
  held.delete(id); // most recently held last
  if (entry.messages.length > HELD_MAX_MESSAGES) return;
  held.set(id, entry);
  while (held.size > HELD_MAX) held.delete(held.keys().next().value!);
}

/** A message for a ticket not on screen: keeps its held timeline current. */
export function heldMessage(ticketId: string, message: Message): void {
  const entry = held.get(ticketId);
  if (!entry) return;
  const messages = appendMessage(entry.messages, message);
  if (messages !== entry.messages) held.set(ticketId, { ...entry, messages });
}

/** The ticket changed in a way only a fresh read shows (or left the queue): forget it. */
export function dropHeld(ticketId: string): void {
  held.delete(ticketId);
}

export function clearHeld(): void {
  held.clear();
}
