// Marketing inside service: the upstream marketing agent's recommendations plus the local rules engine,
// gated by the hard rule (nothing during a complaint or negative sentiment) and by timing (not before
// the customer's question is answered, unless the offer answers it — timing.ts), kept to what relates
// to the product under discussion, checked against the local stock cache, and sent into the
// conversation as product/coupon cards through the normal reply path. Shown / sent / converted are
// recorded per ticket for the outcome.
import type { CoreText } from '../../../shared/core-texts';
import type { Message, Recommendation, Ticket } from '../../../shared/domain';
import { ApiError, refuse } from '../api/router';
import type { ReplyBody } from '../tickets/send-reply';
import type { Catalog } from './catalog';
import type { MarketingStore } from './marketing-store';
import { evaluateRules, focusProduct, suppression, type MarketingRulesFile } from './rules';
import { answersQuestion, openQuestion, unrelatedToFocus } from './timing';

export interface MarketingResult {
  ticketId: string;
  recommendations: Recommendation[];
  /** Why nothing may be shown now (complaint, negative sentiment …); null when marketing is allowed. */
  suppressed: string | null;
  /** The same as codes, worded in the reader's language by the renderer. */
  suppressedTexts?: CoreText[];
  /** Upstream recommendations left out and why (out of stock in the local cache …). */
  dropped: { id: string; reason: string; texts?: CoreText[] }[];
}

/** The upstream AI's own reason as a part of the offer's reason (its words, as written). */
const reasonTexts = (r: Recommendation): CoreText[] =>
  r.texts ?? (r.reason ? [{ code: 'marketing.upstream', params: { text: r.reason } }] : []);

export interface MarketingDeps {
  store: MarketingStore;
  tickets: { get(ticketId: string): Ticket | undefined };
  catalog: Catalog;
  rules: MarketingRulesFile;
  /** The shared reply path; `inTransaction` commits with the message. */
  reply: (ticketId: string, body: ReplyBody, inTransaction: (m: Message) => void) => Message;
  now?: () => number;
}

export class MarketingService {
  private readonly now: () => number;

  constructor(private readonly deps: MarketingDeps) {
    this.now = deps.now ?? Date.now;
  }

  private requireTicket(ticketId: string): Ticket {
    const t = this.deps.tickets.get(ticketId);
    if (!t) throw refuse.ticketNotHere(ticketId);
    return t;
  }

  /** Computes what may be offered now, without recording anything. */
  evaluate(ticket: Ticket): MarketingResult {
    const { catalog, rules } = this.deps;
    const suppressed = suppression(rules, ticket);
    if (suppressed)
      return {
        ticketId: ticket.id,
        recommendations: [],
        suppressed: suppressed.reason,
        suppressedTexts: [suppressed.text],
        dropped: [],
      };
    const now = this.now();
    const dropped: MarketingResult['dropped'] = [];
    const focus = focusProduct({ ticket, catalog, now });
    const upstream = ticket.recommendations.filter((r) => {
      if (r.kind === 'product' && r.product) {
        const cached = catalog.product(r.product.id);
        const stock = cached?.stock ?? r.product.stock;
        if (stock <= 0) {
          dropped.push({
            id: r.id,
            reason: `「${r.product.title}」本地库存为 0，不推荐缺货商品`,
            texts: [{ code: 'marketing.out_of_stock', params: { product: r.product.title.slice(0, 200) } }],
          });
          return false;
        }
      }
      if (r.kind === 'coupon' && r.coupon && r.coupon.expiresAt <= now) {
        dropped.push({
          id: r.id,
          reason: `「${r.coupon.title}」已过期`,
          texts: [{ code: 'marketing.coupon_expired', params: { coupon: r.coupon.title.slice(0, 200) } }],
        });
        return false;
      }
      const unrelated = unrelatedToFocus(r, focus);
      if (unrelated) {
        dropped.push({ id: r.id, reason: unrelated.reason, texts: [unrelated.text] });
        return false;
      }
      return (r.kind === 'product' && !!r.product) || (r.kind === 'coupon' && !!r.coupon);
    });
    const local = evaluateRules(rules, { ticket, catalog, now }).map((l) => l.rec);
    // The same product or coupon from both sides is one offer: the upstream one, with the local reason added.
    const offerKey = (r: Recommendation) =>
      r.kind === 'product' ? `p:${r.product?.id}` : `c:${r.coupon?.title}:${r.coupon?.amount}`;
    const merged = new Map<string, Recommendation>();
    for (const r of [...upstream, ...local]) {
      const prev = merged.get(offerKey(r));
      if (prev)
        merged.set(offerKey(r), {
          ...prev,
          score: Math.max(prev.score, r.score),
          reason: `${prev.reason}；本地规则同样推荐`.slice(0, 500),
          texts: [...reasonTexts(prev), { code: 'marketing.also_local', params: {} }],
        });
      else merged.set(offerKey(r), r);
    }
    const ranked = [...merged.values()].sort((a, b) => b.score - a.score);
    // Timing: with the customer's question unanswered, only an offer that answers it may go now.
    const question = openQuestion(ticket);
    if (question) {
      const answering = ranked.flatMap((r) => {
        const why = answersQuestion(r, question);
        return why
          ? [
              {
                ...r,
                reason: `${why.reason}；${r.reason}`.slice(0, 500),
                texts: [why.text, ...reasonTexts(r)],
              },
            ]
          : [];
      });
      const waitReason = `客户的问题还没有回答（「${question.slice(0, 30)}」），先回答再推荐`;
      const waitTexts: CoreText[] = [{ code: 'marketing.wait', params: { question: question.slice(0, 30) } }];
      if (!answering.length)
        return {
          ticketId: ticket.id,
          recommendations: [],
          suppressed: waitReason,
          suppressedTexts: waitTexts,
          dropped,
        };
      for (const r of ranked)
        if (!answering.some((x) => x.id === r.id))
          dropped.push({ id: r.id, reason: waitReason, texts: waitTexts });
      return {
        ticketId: ticket.id,
        recommendations: answering.slice(0, rules.maxRecommendations),
        suppressed: null,
        dropped,
      };
    }
    return {
      ticketId: ticket.id,
      recommendations: ranked.slice(0, rules.maxRecommendations),
      suppressed: null,
      dropped,
    };
  }

  /** What the agent sees; each recommendation shown is recorded once per ticket. */
  recommendations(ticketId: string): MarketingResult {
    const result = this.evaluate(this.requireTicket(ticketId));
    const at = this.now();
    for (const r of result.recommendations)
      this.deps.store.add({
        ticketId,
        recommendationId: r.id,
        kind: r.kind,
        source: r.source,
        event: 'shown',
        at,
      });
    return result;
  }

  /** Sends the recommendation as a card (preceded by its copy when asked) and records it as sent. */
  send(
    ticketId: string,
    recommendationId: string,
    includeCopy: boolean,
  ): { messages: Message[]; recommendation: Recommendation } {
    const ticket = this.requireTicket(ticketId);
    const result = this.evaluate(ticket);
    if (result.suppressed) throw new ApiError('CONFLICT', `不能推送营销：${result.suppressed}`);
    const rec = result.recommendations.find((r) => r.id === recommendationId);
    if (!rec) {
      const why = result.dropped.find((d) => d.id === recommendationId)?.reason;
      throw new ApiError(
        'NOT_FOUND',
        why
          ? `推荐 ${recommendationId} 不可发送：${why}`
          : `no recommendation ${recommendationId} on ticket ${ticketId}`,
      );
    }
    const body: ReplyBody =
      rec.kind === 'product'
        ? { kind: 'product_card', product: rec.product! }
        : { kind: 'coupon_card', coupon: rec.coupon! };
    const messages: Message[] = [];
    if (includeCopy && rec.copy.trim())
      messages.push(this.deps.reply(ticketId, { kind: 'text', text: rec.copy }, () => {}));
    const at = this.now();
    messages.push(
      this.deps.reply(ticketId, body, (m) => {
        this.deps.store.add({
          ticketId,
          recommendationId: rec.id,
          kind: rec.kind,
          source: rec.source,
          event: 'shown',
          at,
        });
        this.deps.store.add({
          ticketId,
          recommendationId: rec.id,
          kind: rec.kind,
          source: rec.source,
          event: 'sent',
          ref: m.id,
          at,
        });
      }),
    );
    return { messages, recommendation: rec };
  }

  /**
   * A conversion the hub reported (`order:converted`). Runs inside the sync transaction; returns false
   * when it cannot be attributed to a recommendation shown or sent on this ticket, or was already recorded.
   */
  converted(
    ticketId: string,
    orderId: string,
    recommendationId: string | undefined,
    at = this.now(),
  ): boolean {
    const a = this.deps.store.attribution(ticketId, recommendationId);
    if (!a) return false;
    return this.deps.store.add({ ticketId, ...a, event: 'converted', ref: orderId, at });
  }

  events(ticketId: string) {
    return this.deps.store.events(ticketId);
  }
}
