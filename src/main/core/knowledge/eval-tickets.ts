// Simulator tickets for the suggestion evaluation: the simulator's own factory, fixed seeds, the same
// number of tickets for every intent, at a fixed clock, so two runs (before / after a change) judge
// the same conversations. Each ticket as escalated, and (withFollowUp) a minute later: the agent has
// answered once and the customer has replied, as the simulator's customers do.
import type { Message, Ticket } from '../../../shared/domain';
import { INTENT_IDS } from '../../../shared/intents';
// The simulator's factory (src/simulator, a client of the hub): evaluation only, never the product path.
import { TicketFactory, type GeneratedTicket } from '../../../simulator/factory';
import { customerAnswer } from '../../../simulator/replies';

/** 1 Nov 2026 09:00 UTC: the evaluation's "now". */
export const EVAL_NOW = Date.UTC(2026, 10, 1, 9);

export function evalConversations(perIntent = 4, seeds: readonly number[] = [9, 19]): GeneratedTicket[] {
  const out: GeneratedTicket[] = [];
  for (const seed of seeds) {
    const factory = new TicketFactory(seed, { media: false });
    for (let i = 0; i < perIntent / seeds.length; i++)
      for (const intent of INTENT_IDS) out.push(factory.next(EVAL_NOW, intent));
  }
  return out;
}

export function evalTickets(perIntent = 4, seeds: readonly number[] = [9, 19]): Ticket[] {
  return evalConversations(perIntent, seeds).map((g) => g.ticket);
}

/**
 * The ticket after one exchange with the agent: the agent sent the upstream AI's first suggestion (or a
 * greeting when there is none) and the customer answered with the script's first answer for the intent.
 * A copy: the generated ticket is not changed.
 */
export function withFollowUp(gen: GeneratedTicket): Ticket {
  const t = gen.ticket;
  const last = t.messages.at(-1)?.at ?? EVAL_NOW - 60_000;
  const agentText = t.suggestions[0]?.text ?? '您好，我是人工客服，马上为您处理。';
  const agent: Message = {
    id: `${t.id}_f1`,
    ticketId: t.id,
    from: 'agent',
    at: last + 20_000,
    kind: 'text',
    text: agentText,
  };
  const body = customerAnswer(gen, t.intent, 0, { kind: 'text' }, false);
  const answer = {
    id: `${t.id}_f2`,
    ticketId: t.id,
    from: 'customer',
    at: last + 40_000,
    ...body,
  } as Message;
  // Its own ticket id (both versions are judged in one run), carried by every message.
  const id = `${t.id}_f`;
  return {
    ...t,
    id,
    messages: [...t.messages, agent, answer].map((m) => ({ ...m, id: `${id}_${m.id}`, ticketId: id })),
    suggestions: t.suggestions.slice(1).map((s) => ({ ...s, id: `${id}_${s.id}` })),
  };
}
