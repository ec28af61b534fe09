// The suggestion evaluation's tickets: as escalated, and a minute later after one exchange with the agent.
import { describe, expect, it } from 'vitest';
import { evalConversations, evalTickets, withFollowUp } from '../../../src/main/core/knowledge/eval-tickets';
import { TicketSchema } from '../../../src/shared/domain';
import { customerLines, topicJudge } from '../../../src/main/core/knowledge/eval-judge';

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

describe('the topic judge', () => {
  it("reads each intent's customers from the simulator's own lines, without the closers or placeholders", () => {
    const lines = customerLines('invoice');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join()).not.toMatch(/\{|好的，明白了，谢谢/);
  });

  it('puts an intent first when a reply shares its customers\' words (toy embedder: one dimension per word)', async () => {
    const words = ['发票', '退款', '快递', '尺码'];
    const embed = async (texts: string[]) =>
      texts.map((t) => {
        const v = Float32Array.from([...words.map((w) => (t.includes(w) ? 1 : 0)), 0.1]);
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      });
    const judge = await topicJudge(embed, embed);
    expect((await judge.ranking('专票开好后发票会寄给您'))[0]).toBe('invoice');
    expect(await judge.onTopic('专票开好后发票会寄给您', 'invoice')).toBe(true);
    expect(await judge.onTopic('专票开好后发票会寄给您', 'size_advice')).toBe(false);
  });
});
