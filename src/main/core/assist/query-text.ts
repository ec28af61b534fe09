// Text of a ticket's turns as the assist engine reads it: a message's words (text, voice transcript,
// image caption), the newest customer turns, and a question with the ordered products' names taken out.
import { customerQuery } from '../../../shared/customer-query';
import type { Message, Ticket } from '../../../shared/domain';

const MAX_CUSTOMER_TURNS = 3;

export const textOf = (m: Message) =>
  m.kind === 'text'
    ? m.text
    : m.kind === 'voice'
      ? m.transcript
      : m.kind === 'image'
        ? (m.caption ?? '')
        : '';

/** The newest customer turns (text and voice transcripts), oldest first: what suggestions must answer. */
export function recentCustomerText(ticket: Pick<Ticket, 'messages'>, turns = MAX_CUSTOMER_TURNS): string {
  const out: string[] = [];
  for (let i = ticket.messages.length - 1; i >= 0 && out.length < turns; i--) {
    const m = ticket.messages[i]!;
    if (m.from !== 'customer') continue;
    const t = textOf(m).trim();
    if (t) out.push(t);
  }
  return out.reverse().join('\n');
}

/**
 * The question without the names of the products on the ticket's orders: "法式碎花雪纺连衣裙尺码不对，
 * 能退吗" asks about returns, and the product name would pull in the fabric-care article. Kept as is
 * when little would be left.
 */
export function withoutProductNames(text: string, ticket: Pick<Ticket, 'orders'>): string {
  let out = text;
  for (const o of ticket.orders)
    for (const item of o.items)
      for (const part of item.title.split(/\s+/)) if (part.length >= 3) out = out.replaceAll(part, '');
  return out.replace(/[\s，,]+/g, (m) => (m.includes('\n') ? '\n' : m)).trim().length >= 4
    ? out.trim()
    : text;
}

/** A follow-up shorter than this ("运费是谁出", "多久能到") needs the question it follows to be looked up. */
const SHORT_FOLLOW_UP = 10;

/**
 * The customer's question, with the one they asked before the agent's last answer when it is a short
 * follow-up: "运费是谁出" after an exchange is about the exchange's shipping, not shipping in general.
 */
export function withEarlierQuestion(messages: Ticket['messages'], query: string): string {
  if (!query || query.length >= SHORT_FOLLOW_UP) return query;
  const lastAgent = messages.findLastIndex((m) => m.from === 'agent');
  if (lastAgent < 0) return query;
  const before = customerQuery(messages.slice(0, lastAgent)).query;
  return before ? `${before}\n${query}` : query;
}
