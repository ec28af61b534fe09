// Fetches the queue's conversations ahead, in idle time, so opening one shows it at once (held.ts).
// Every ticket in an agent's queue is one they are about to open; the queue's own order says which
// first. Nothing here competes with the screen: it starts once the queue has been still for a moment
// (a burst of assignments fetches nothing until it settles), asks for one ticket at a time from an
// idle callback, waits while a ticket is being opened, and stops when the queue changes again.
import { useEffect } from 'react';
import type { TicketSummary } from '../../shared/api';
import { api } from '../platform/client';
import { HELD_MAX, HELD_MAX_MESSAGES, hold, isHeld } from './held';
import { useConversation } from './store';

/** The queue must be still this long before anything is fetched ahead. */
export const PREFETCH_QUIET_MS = 400;
/** An idle callback is asked for before each fetch; this is the longest it may be put off. */
const IDLE_TIMEOUT_MS = 2000;

declare global {
  var __xeNoPrefetch: boolean | undefined;
}

/** Tickets found too long to hold (HELD_MAX_MESSAGES): not fetched ahead again. */
const tooLong = new Set<string>();
/** Fetches in flight, so the pointer and the idle loop never ask for one ticket twice at once. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Fetches one ticket's conversation ahead unless it is held, on screen, too long or already asked
 * for. Also called when the pointer rests on a queue row: a click usually follows within ~100 ms,
 * enough for the answer on an idle core, and it covers tickets that arrived too recently for the idle
 * loop (it waits for the queue to be still).
 */
export function prefetchConversation(ticketId: string): Promise<void> {
  if (globalThis.__xeNoPrefetch || isHeld(ticketId) || tooLong.has(ticketId)) return Promise.resolve();
  if (useConversation.getState().openId === ticketId) return Promise.resolve();
  const running = inFlight.get(ticketId);
  if (running) return running;
  const job = (async () => {
    const r = await api().call('tickets.get', { ticketId, ahead: true });
    // Opened meanwhile (the open has its own, fresher answer), or held meanwhile from the screen.
    if (!r.ok || useConversation.getState().openId === ticketId || isHeld(ticketId)) return;
    if (r.data.messages.length > HELD_MAX_MESSAGES) {
      tooLong.add(ticketId);
      return;
    }
    hold({ ticket: r.data, messages: r.data.messages, earlierMessages: r.data.earlierMessages ?? 0 });
  })().finally(() => inFlight.delete(ticketId));
  inFlight.set(ticketId, job);
  return job;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 50);
  });
}

export function usePrefetchConversations(tickets: readonly TicketSummary[]): void {
  useEffect(() => {
    // The UI bench measures opens with nothing fetched ahead too (bench/ui.ts).
    if (globalThis.__xeNoPrefetch) return;
    let cancelled = false;
    const ids = tickets.slice(0, HELD_MAX).map((t) => t.id);
    const timer = setTimeout(() => void run(), PREFETCH_QUIET_MS);
    async function run(): Promise<void> {
      for (const ticketId of ids) {
        if (cancelled) return;
        if (isHeld(ticketId) || tooLong.has(ticketId)) continue;
        await idle();
        while (!cancelled && useConversation.getState().loading) await idle();
        if (cancelled) return;
        await prefetchConversation(ticketId);
      }
    }
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tickets]);
}
