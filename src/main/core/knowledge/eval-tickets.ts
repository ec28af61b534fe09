// Simulator tickets for the suggestion evaluation: the simulator's own factory, fixed seeds, the same
// number of tickets for every intent, at a fixed clock, so two runs (before / after a change) judge
// the same conversations.
import type { Ticket } from '../../../shared/domain';
import { INTENT_IDS } from '../../../shared/intents';
// The simulator's factory (src/simulator, a client of the hub): evaluation only, never the product path.
import { TicketFactory } from '../../../simulator/factory';

/** 1 Nov 2026 09:00 UTC: the evaluation's "now". */
export const EVAL_NOW = Date.UTC(2026, 10, 1, 9);

export function evalTickets(perIntent = 4, seeds: readonly number[] = [9, 19]): Ticket[] {
  const out: Ticket[] = [];
  for (const seed of seeds) {
    const factory = new TicketFactory(seed, { media: false });
    for (let i = 0; i < perIntent / seeds.length; i++)
      for (const intent of INTENT_IDS) out.push(factory.next(EVAL_NOW, intent).ticket);
  }
  return out;
}
