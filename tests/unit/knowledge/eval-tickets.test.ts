// The suggestion evaluation's tickets: as escalated, and a minute later after one exchange with the agent.
import { describe, expect, it } from 'vitest';
import { evalConversations, evalTickets, withFollowUp } from '../../../src/main/core/knowledge/eval-tickets';
import { TicketSchema } from '../../../src/shared/domain';

describe('evaluation tickets', () => {
  it('a follow-up is its own ticket: every message carries its id, the agent and the customer have spoken once more', () => {
    const [g] = evalConversations(2);
    const t = withFollowUp(g!);
    expect(TicketSchema.safeParse(t).success).toBe(true);
    expect(t.id).not.toBe(g!.ticket.id);
    expect(new Set(t.messages.map((m) => m.ticketId))).toEqual(new Set([t.id]));
    expect(t.messages.slice(-2).map((m) => m.from)).toEqual(['agent', 'customer']);
    expect(t.messages.length).toBe(g!.ticket.messages.length + 2);
    // the generated ticket is left as it was
    expect(evalTickets(2)[0]).toEqual(g!.ticket);
  });
});
