// What "a suggestion contradicts the ticket's facts" means, concretely and testably. Pure: a ticket,
// the merchant policy and the clock in; facts and contradictions out. Used by the suggestion
// evaluation (knowledge/eval-suggestions.ts) to count bad top-3 suggestions, and meant for the
// candidate filter and the pre-send guard too, so all three agree on what a contradiction is.
//
// A contradiction is a reply that states or asks something the ticket already shows to be false:
//  - return_window: says the order can still be returned without reason (仍在7天无理由期内, 可直接申请退货)
//    when the window has passed (the escalation says so, or the delivery date + policy days is past);
//  - address_changed: says the address was changed (已为您修改收货地址/信息) when nothing in the ticket
//    shows a change (no agent/AI message or action saying it was done);
//  - photos_requested: asks for photos/pictures the customer has already sent (an image message, or
//    "照片发你了");
//  - wrong_carrier: names one carrier (a statement about this parcel; a list of carriers is general
//    advice) other than the one the main order went with;
//  - not_shipped: says the parcel has shipped / is on its way when the order is not shipped, or says
//    it has not shipped when it has.
import type { Message, Order, Ticket } from '../../../shared/domain';

export type ContradictionKind =
  'return_window' | 'address_changed' | 'photos_requested' | 'wrong_carrier' | 'not_shipped';

export interface Contradiction {
  kind: ContradictionKind;
  /** Why, in words an agent reads. */
  reason: string;
  /** The words of the reply that make the claim. */
  excerpt: string;
}

export interface TicketFacts {
  /** open: within the no-reason return window; past: beyond it; unknown: nothing says either way. */
  returnWindow: 'open' | 'past' | 'unknown';
  /** Someone (agent, AI) already changed the delivery address on this ticket. */
  addressChanged: boolean;
  /** The customer already sent photos or pictures. */
  photosSent: boolean;
  /** The carrier the main order shipped with (full name as on the order); none before it ships. */
  carriers: string[];
  /** Shipping state of the ticket's main (newest) order. */
  shipped: 'yes' | 'no' | 'unknown';
}

export interface FactsPolicy {
  returnDays: number;
}

const DAY = 86_400_000;
const SHIPPED: readonly Order['status'][] = ['shipped', 'delivered', 'completed', 'refunding', 'refunded'];
const NOT_SHIPPED: readonly Order['status'][] = ['pending_payment', 'paid'];

const textOf = (m: Message): string =>
  m.kind === 'text' || m.kind === 'system'
    ? m.text
    : m.kind === 'voice'
      ? m.transcript
      : m.kind === 'image'
        ? (m.caption ?? '')
        : '';

/** Every carrier name the simulator, the seed knowledge and Chinese e-commerce commonly use. */
export const CARRIER_NAMES: readonly string[] = [
  '顺丰',
  '中通',
  '圆通',
  '韵达',
  '申通',
  '极兔',
  '京东物流',
  '京东快递',
  'EMS',
  '邮政',
  '德邦',
];

/** Short form of a carrier's name: 顺丰速运 → 顺丰, 京东物流 stays whole (京东 alone is the shop). */
export function carrierKey(name: string): string {
  const n = name.toUpperCase();
  return CARRIER_NAMES.find((c) => n.includes(c.toUpperCase())) ?? name;
}

const PAST_WINDOW =
  /(超出|超过|已过|过了)[^，。]{0,6}(7|七)\s*天|无理由[^，。]{0,4}(期限|期)?[^，。]{0,2}(已过|超出|过期)|第\s*(8|9|1\d)\s*天/;
const ADDRESS_DONE_BY_US =
  /(已|已经)(为您|帮您|给您)?(修改|更改|改好|更新)(了)?(收货)?(地址|信息)|地址已(修改|更改|更新)/;
const PHOTOS_SENT_TEXT =
  /(照片|图片|截图|视频)[^，。？?]{0,4}(发|传|上传)(你|您|给你|过|了)|(发|传)(了|过)[^，。]{0,3}(照片|图片|截图)/;

/** The facts a reply must not contradict, read from the ticket itself. */
export function ticketFacts(ticket: Ticket, policy: FactsPolicy, now: number): TicketFacts {
  const main = [...ticket.orders].sort((a, b) => b.createdAt - a.createdAt)[0];
  const history = ticket.messages.map(textOf).join('\n');
  const escalation = `${ticket.escalationReason ?? ''}\n${ticket.aiActions.map((a) => a.summary).join('\n')}`;

  let returnWindow: TicketFacts['returnWindow'] = 'unknown';
  if (PAST_WINDOW.test(escalation) || PAST_WINDOW.test(history)) returnWindow = 'past';
  else {
    // A delivery date, when the order carries one, decides it (the contract may add it later).
    const signedAt = (main as (Order & { signedAt?: number }) | undefined)?.signedAt;
    if (typeof signedAt === 'number')
      returnWindow = now - signedAt > policy.returnDays * DAY ? 'past' : 'open';
  }

  const ours = ticket.messages.filter((m) => m.from === 'agent' || m.from === 'bot').map(textOf);
  const addressChanged =
    ours.some((t) => ADDRESS_DONE_BY_US.test(t)) ||
    ticket.aiActions.some((a) => /(修改|更改)[^，。]{0,4}地址/.test(a.summary));

  const photosSent = ticket.messages.some(
    (m) => m.from === 'customer' && (m.kind === 'image' || PHOTOS_SENT_TEXT.test(textOf(m))),
  );

  // The parcel this conversation is about: the main order's carrier. An earlier order's carrier says
  // nothing about it, and an order not shipped yet has none (the shop's default carrier is no claim).
  const carriers = main?.carrier ? [main.carrier] : [];
  const shipped: TicketFacts['shipped'] = !main
    ? 'unknown'
    : SHIPPED.includes(main.status)
      ? 'yes'
      : NOT_SHIPPED.includes(main.status)
        ? 'no'
        : 'unknown';
  return { returnWindow, addressChanged, photosSent, carriers, shipped };
}

// About this order, not the rule in general: 您的订单仍在…期内 / 您可以申请7天无理由 / 可直接申请退货.
const CLAIMS_WINDOW_OPEN =
  /(仍|还)在[^，。]{0,8}(无理由|退货)[^，。]{0,4}(期|期限|范围)内|(您|订单|这单|这件)[^，。]{0,6}(可以|可|支持|能)[^，。]{0,4}(七|7)\s*天无理由|(可|可以)直接(申请|在订单页申请)?退货/;
const ASKS_PHOTOS =
  /(请|麻烦|辛苦)(您|亲)?[^，。]{0,6}(提供|上传|发|拍|补充)[^，。]{0,8}(照片|图片|视频|实拍)|(照片|图片|视频)[^，。]{0,4}(发|传)(给)?(我们|一下)/;
// Statements about the parcel, not conditions in a rule ("已发货：…", "未发货订单", "已发货未签收的包裹").
const SAYS_SHIPPED = /(已|已经)(为您)?(发货|发出|寄出|出库)(?![：:的未/、])|(正在|在)(运输|派送)(途中|中)/;
const SAYS_NOT_SHIPPED = /(还|尚|暂)(未|没有?|没)(发货|发出|出库)(?![：:的])/;

/** Every way `text` contradicts `facts`; empty when it contradicts none of them. */
export function contradictions(text: string, facts: TicketFacts): Contradiction[] {
  const out: Contradiction[] = [];
  const hit = (re: RegExp) => re.exec(text)?.[0];

  const open = hit(CLAIMS_WINDOW_OPEN);
  if (open && facts.returnWindow === 'past')
    out.push({
      kind: 'return_window',
      reason: '订单已超出无理由退货期限，回复却说仍可无理由退货',
      excerpt: open,
    });

  const changed = hit(ADDRESS_DONE_BY_US);
  if (changed && !facts.addressChanged)
    out.push({
      kind: 'address_changed',
      reason: '工单里没有修改地址的记录，回复却说已修改',
      excerpt: changed,
    });

  const asks = hit(ASKS_PHOTOS);
  if (asks && facts.photosSent)
    out.push({ kind: 'photos_requested', reason: '客户已经发过照片，回复又要照片', excerpt: asks });

  // One carrier named is a statement about this parcel; a list (顺丰、京东物流支持改派) is general advice.
  const named = CARRIER_NAMES.filter((c) => text.toUpperCase().includes(c.toUpperCase()));
  const ours = new Set(facts.carriers.map(carrierKey));
  const same = (c: string) =>
    ours.has(c) || (c === '邮政' && ours.has('EMS')) || (c === 'EMS' && ours.has('邮政'));
  if (facts.carriers.length && named.length === 1 && !same(named[0]!))
    out.push({
      kind: 'wrong_carrier',
      reason: `订单走的是${facts.carriers.join('、')}，回复说的是${named[0]}`,
      excerpt: named[0]!,
    });

  const saysShipped = hit(SAYS_SHIPPED);
  const saysNot = hit(SAYS_NOT_SHIPPED);
  if (saysShipped && !saysNot && facts.shipped === 'no')
    out.push({ kind: 'not_shipped', reason: '订单还没有发货，回复却说已发出', excerpt: saysShipped });
  else if (saysNot && facts.shipped === 'yes')
    out.push({ kind: 'not_shipped', reason: '订单已经发货，回复却说还没发', excerpt: saysNot });
  return out;
}
