// Whether a candidate reply fits this conversation beyond what the pre-send guard checks (the guard
// asks "may this be sent"; these ask "would an agent send it here"):
//  - it does not tell the customer to do again what they just said did not work ("到货提醒点了好久都没用"
//    → "您可以点击到货提醒"; "详情页写得不清楚" → "详情页中有详细介绍");
//  - a knowledge line written for one order state ("未付款订单：您可直接取消") is not offered on an
//    order in another state;
//  - it does not say again what the agent already sent;
//  - the chips say different things: a reply saying what a higher one already says yields its place.
// Pure: a ticket's messages and orders in, verdicts out.
import type { Message, Order, Ticket } from '../../../shared/domain';
import { focusOrder } from './macros';
import { textOf } from './query-text';
import { bigrams, dice } from './text-sim';

/** A customer reply saying the advice they were given did not work or did not help. */
const DID_NOT_WORK =
  /没用|没反应|不清楚|看不懂|不符合|改不了|不行|试过|点了|不全|对不上|还是不|找不到|没有[^，。]{0,4}按钮|不能用|用不了/;
/** Shared words that carry no instruction of their own. */
const GENERIC = new Set([
  '订单',
  '可以',
  '商品',
  '这款',
  '显示',
  '一下',
  '您好',
  '哦～',
  '申请',
  '页面',
  '信息',
]);
/** The reply tells the customer to do it themselves (not "我帮您…"). */
const INSTRUCTS =
  /您可以|可以在|可在|可以点击|点击|请您|请在|自助|查看|参考|里有|中有|为准|可申请|可以申请|可直接/;
const WE_DO_IT = /我(?:这边|来)?(?:帮|为|给)您|已(?:为|帮|给)您|我们(?:会|来|帮)/;

/** Han runs of at least `min` characters shared by two texts, longest first. */
function sharedPhrases(a: string, b: string, min = 2): string[] {
  const out = new Set<string>();
  const A = Array.from(a);
  for (let i = 0; i < A.length; i++)
    for (let j = A.length; j - i >= min; j--) {
      const s = A.slice(i, j).join('');
      if (!/^\p{Script=Han}+$/u.test(s) || !b.includes(s)) continue;
      out.add(s);
      i = j - 1;
      break;
    }
  return [...out].filter((s) => !GENERIC.has(s)).sort((x, y) => y.length - x.length);
}

/**
 * What the customer said they already tried without success: the phrases their pushback shares with the
 * advice (bot or agent) right before it. "亲，可以点击「到货提醒」哦" + "到货提醒点了好久都没用" → 到货提醒.
 */
export function triedWithoutSuccess(messages: readonly Message[]): string[] {
  const out: string[] = [];
  let advice = '';
  for (const m of messages) {
    if (m.from === 'bot' || m.from === 'agent') advice = textOf(m);
    else if (m.from === 'customer' && advice) {
      const said = textOf(m);
      if (DID_NOT_WORK.test(said)) out.push(...sharedPhrases(said, advice));
    }
  }
  return [...new Set(out)];
}

/** The tried phrase `text` sends the customer back to, or null. */
export function repeatsTried(text: string, tried: readonly string[]): string | null {
  if (!tried.length) return null;
  for (const clause of text.split(/[，。；！？,;!?]/)) {
    const phrase = tried.find((p) => clause.includes(p));
    if (phrase && INSTRUCTS.test(clause) && !WE_DO_IT.test(clause)) return phrase;
  }
  return null;
}

const STATE_LABELS: readonly [RegExp, readonly Order['status'][]][] = [
  [/^(?:未付款|待付款)/, ['pending_payment']],
  [/^(?:已付款未发货|未发货|待发货)/, ['paid']],
  [/^(?:已发货未签收|已发货|运输中)/, ['shipped']],
  [/^(?:已签收|已收货)/, ['delivered', 'completed']],
];

/**
 * A knowledge line that opens with an order state ("未付款订单：…", "未发货订单，…") speaks about orders
 * in that state; on an order in another one it answers a question nobody asked. The state it names, or null.
 */
export function otherOrderState(text: string, order: Pick<Order, 'status'> | undefined): string | null {
  if (!order) return null;
  const head = text.replace(/^[「『“"（(]/, '');
  for (const [re, statuses] of STATE_LABELS) {
    const m = re.exec(head);
    if (m && !statuses.includes(order.status)) return m[0];
  }
  return null;
}

/** Two replies this alike (character-bigram Dice) say the same thing to the customer. */
export const SAME_POINT = 0.42;

/**
 * The order to show `ranked` in so the first `k` say different things: a reply too like one already
 * placed moves below the first k (kept, in its order, for a longer list).
 */
export function diversified<T extends { text: string }>(ranked: readonly T[], k: number): T[] {
  const top: { item: T; grams: Map<string, number> }[] = [];
  const later: T[] = [];
  for (const item of ranked) {
    const grams = bigrams(item.text);
    if (top.length < k && !top.some((t) => dice(t.grams, grams) >= SAME_POINT)) top.push({ item, grams });
    else later.push(item);
  }
  return [...top.map((t) => t.item), ...later];
}

/** A candidate this alike (character-bigram Dice) to a reply the agent already sent says it again. */
export const ALREADY_SAID = 0.5;

/**
 * For one ticket: why a candidate does not fit its conversation (in words for the agent's notes), or
 * null when it fits. Read once per ticket, asked per candidate.
 */
export function conversationMisfit(
  ticket: Pick<Ticket, 'customer' | 'orders' | 'messages' | 'recommendations'>,
): (c: { text: string; source: string }) => string | null {
  const tried = triedWithoutSuccess(ticket.messages);
  const said = ticket.messages.filter((m) => m.from === 'agent').map((m) => bigrams(textOf(m)));
  const order = focusOrder(ticket);
  return (c) => {
    const again = repeatsTried(c.text, tried);
    if (again) return `客户已说「${again}」没有解决问题`;
    const grams = bigrams(c.text);
    if (said.some((g) => dice(g, grams) >= ALREADY_SAID)) return '坐席已经这样回复过';
    const state = c.source === 'knowledge' ? otherOrderState(c.text, order) : null;
    if (state) return `说的是${state}订单`;
    return null;
  };
}
