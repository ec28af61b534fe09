// When an offer may be made, and whether it fits what the customer is looking at. An offer made
// before the customer's question is answered reads as "not listening" ("不用了，先解决我的问题吧"), so
// marketing waits for the agent's answer — unless the offer is itself the answer (a coupon when they
// ask about a discount, an in-stock alternative when they ask about stock), and then it says so.
// A product offer must relate to the product the conversation is about (same category or one of its
// accessories); an unrelated one is dropped with the reason.
import type { CoreText } from '../../../shared/core-texts';
import { customerQuery, isSubstantive } from '../../../shared/customer-query';
import type { Recommendation, Ticket } from '../../../shared/domain';
import type { CatalogProduct } from './catalog';

/** A customer message that asks something (the answer is owed). */
const QUESTION =
  /[?？]|吗|么|呢|怎么|怎样|如何|多久|多少|几|什么|哪|能不能|可不可以|有没有|是不是|要不要|行不行/;

/** What in a question an offer of each kind answers. */
const ANSWERED_BY: Record<Recommendation['kind'], RegExp> = {
  coupon: /券|优惠|便宜|折扣|打折|活动|满减|划算|降价|价格|多少钱|贵/,
  product: /缺货|没货|有货|现货|替代|推荐|别的|其他款|换一款|类似|同款|搭配|配什么|哪款/,
};

const textOf = (m: Ticket['messages'][number]) =>
  m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '';

/**
 * The customer's question still waiting for the agent's answer, or null: the newest substantive
 * customer message, when it asks something and no agent message came after it. The bot's replies
 * before escalation do not count — they are why the customer asked for a person.
 */
export function openQuestion(ticket: Pick<Ticket, 'messages'>): string | null {
  for (let i = ticket.messages.length - 1; i >= 0; i--) {
    const m = ticket.messages[i]!;
    if (m.from === 'agent') return null;
    if (m.from !== 'customer') continue;
    const text = textOf(m).trim();
    if (!text || !isSubstantive(text)) continue;
    if (!QUESTION.test(text)) return null;
    // The question as the customer put it, over their last turns ("我买的枕头" + "能机洗吗").
    return customerQuery(ticket.messages).query.replace(/\n/g, ' ') || text;
  }
  return null;
}

/** Why this offer answers the open question now, or null when it would interrupt it. */
export function answersQuestion(rec: Recommendation, question: string): Worded | null {
  const m = question.match(ANSWERED_BY[rec.kind]);
  return m
    ? {
        reason: `时机：客户正在问「${question.slice(0, 30)}」（${m[0]}），这个推荐正好回答`,
        text: {
          code: 'marketing.answers',
          params: { question: question.slice(0, 30), keyword: m[0].slice(0, 20) },
        },
      }
    : null;
}

/** A reason in Chinese (the command line, older rows) and as a code the renderer words. */
export interface Worded {
  reason: string;
  text: CoreText;
}

/** Why an upstream product offer does not relate to the product under discussion, or null. */
export function unrelatedToFocus(rec: Recommendation, focus: CatalogProduct | undefined): Worded | null {
  if (rec.kind !== 'product' || !rec.product || !focus) return null;
  if (rec.product.category === focus.category || focus.accessories.includes(rec.product.id)) return null;
  return {
    reason: `「${rec.product.title}」（${rec.product.category}）与客户正在看的「${focus.title}」（${focus.category}）无关`,
    text: {
      code: 'marketing.unrelated',
      params: {
        product: rec.product.title.slice(0, 200),
        category: rec.product.category.slice(0, 32),
        focus: focus.title.slice(0, 200),
        focusCategory: focus.category.slice(0, 32),
      },
    },
  };
}
