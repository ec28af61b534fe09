// The 'history' source: replies this team sent on tickets later closed as resolved, with the same intent
// and customer text like this one's. A past reply is de-personalised before it is offered — the other
// customer's name and order/tracking numbers are swapped for this ticket's, or the reply is dropped —
// so a suggestion can never leak another customer's data.
import type { Message, Ticket } from '../../../shared/domain';
import type { AssistStore } from './assist-store';
import { focusOrder } from './macros';
import { bigrams, dice, normalize } from './text-sim';

export interface HistoryCandidate {
  text: string;
  /** Normalised text: the learning key, shared by the same reply across tickets. */
  key: string;
  /** 0 … 1: how alike the past customer's words are to this customer's. */
  similarity: number;
  /** Resolved tickets that used this reply. */
  uses: number;
}

const textOf = (m: Message) => (m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '');
/** Replies shorter than this are acknowledgements ("好的", "稍等") that answer nothing. */
const MIN_REPLY_CHARS = 8;
const MIN_SIMILARITY = 0.12;

interface Identity {
  names: string[];
  orderIds: string[];
  trackingNos: string[];
}

function identityOf(headerJson: string | undefined): Identity {
  const out: Identity = { names: [], orderIds: [], trackingNos: [] };
  if (!headerJson) return out;
  try {
    const h = JSON.parse(headerJson) as Partial<Ticket>;
    for (const n of [h.customer?.name, h.customer?.nickname])
      if (typeof n === 'string' && n.length >= 2) out.names.push(n);
    for (const o of h.orders ?? []) {
      if (typeof o.id === 'string') out.orderIds.push(o.id);
      if (typeof o.trackingNo === 'string') out.trackingNos.push(o.trackingNo);
    }
  } catch {
    // An unreadable header means we cannot vouch for the reply: the caller drops it.
  }
  return out;
}

/** Swaps the past ticket's identity for this one's; null when something personal could not be replaced. */
export function depersonalise(
  reply: string,
  past: Identity,
  current: Pick<Ticket, 'customer' | 'orders' | 'messages' | 'recommendations'>,
): string | null {
  let text = reply;
  const order = focusOrder(current);
  const swaps: [string[], string | undefined][] = [
    [past.names, current.customer.nickname],
    [past.orderIds, order?.id],
    [past.trackingNos, order?.trackingNo],
  ];
  for (const [olds, replacement] of swaps)
    for (const old of olds) {
      if (!text.includes(old)) continue;
      if (!replacement) return null;
      text = text.split(old).join(replacement);
    }
  // Long digit runs left over (phone numbers, other orders) are someone's data: do not offer the reply.
  if (
    /\d{8,}/.test(
      text.replace(
        new RegExp([order?.id, order?.trackingNo].filter(Boolean).map(escapeRe).join('|') || '(?!)', 'g'),
        '',
      ),
    )
  )
    return null;
  return text;
}

function templated(reply: string, id: Identity): string {
  let t = reply;
  for (const n of id.names) t = t.split(n).join('{n}');
  for (const o of id.orderIds) t = t.split(o).join('{o}');
  for (const k of id.trackingNos) t = t.split(k).join('{t}');
  return t;
}

const escapeRe = (s: string | undefined) => (s ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function historyCandidates(
  store: AssistStore,
  ticket: Ticket,
  customerText: string,
  limit = 5,
): HistoryCandidate[] {
  const query = bigrams(customerText);
  if (query.size === 0) return [];
  const byKey = new Map<string, HistoryCandidate>();
  for (const conv of store.resolvedConversations(ticket.intent, ticket.id)) {
    const theirWords = conv.messages
      .filter((m) => m.from === 'customer')
      .map(textOf)
      .join(' ');
    const convSim = dice(query, bigrams(theirWords));
    if (convSim < MIN_SIMILARITY) continue;
    const identity = identityOf(store.ticketHeaderJson(conv.ticketId));
    for (const m of conv.messages) {
      if (m.from !== 'agent') continue;
      const raw = textOf(m);
      if (Array.from(raw).length < MIN_REPLY_CHARS) continue;
      const text = depersonalise(raw, identity, ticket);
      if (!text) continue;
      // Relevance of the conversation dominates; the reply's own overlap breaks ties between replies.
      const sim = 0.75 * convSim + 0.25 * dice(query, bigrams(text));
      // Keyed on the reply with its customer-specific parts blanked, so the same answer given to
      // different customers counts as one reply used several times.
      const key = `hist:${normalize(templated(raw, identity)).slice(0, 120)}`;
      const prev = byKey.get(key);
      if (prev) {
        prev.uses++;
        prev.similarity = Math.max(prev.similarity, sim);
      } else byKey.set(key, { text, key, similarity: sim, uses: 1 });
    }
  }
  return [...byKey.values()].sort((a, b) => b.similarity - a.similarity || b.uses - a.uses).slice(0, limit);
}
