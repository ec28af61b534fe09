// The ticket's facts and the one definition of "this text contradicts them". What is known about a
// ticket (from its escalation reason, its orders' status and dates against the policy windows, and
// what the conversation shows was already done or sent) is read once into TicketFacts; factConflicts
// then reads a reply (a suggestion, an agent's draft, the bot's own words) clause by clause and names
// every statement the facts disprove: "您的订单仍在7天无理由退货期内" on a ticket escalated for being
// past the window, "已为您修改收货信息" when nothing was changed, a request for photos the customer
// already sent. The suggestion engine drops such candidates; the pre-send guard and the AI-promise
// check warn with the same reasons, so a suggestion the app offers is never blocked on send.
// Pure: no Node, no clock (the caller passes `now`), no DOM.
import { chineseNumber } from './chinese-number';
import type { Evidence, FactText } from './core-texts';
import type { Message, Order, Ticket, TicketAction } from './domain';
import { ADDRESS_CHANGED, NEGATED } from './fact-checks';

export { factConflicts } from './fact-checks';

const DAY_MS = 86_400_000;

/** The policy values the facts are judged against (the merchant policy satisfies it structurally). */
export interface FactPolicy {
  /** Days after delivery a no-reason return is accepted. */
  returnDays: number;
  /** Days after purchase a price drop is refunded. */
  priceProtectDays: number;
}

export type FactTicket = Pick<Ticket, 'escalationReason' | 'messages' | 'orders'> &
  Partial<Pick<Ticket, 'aiActions' | 'escalationCode'>>;

export type WindowState = 'within' | 'past' | 'unknown';

export interface TicketFacts {
  /** The no-reason return window, with what says so (escalation reason, the customer, the order date). */
  returnWindow: { state: WindowState; evidence: string; proof: Evidence };
  priceProtectWindow: { state: WindowState; evidence: string; days?: number };
  /** Captions (or "图片") of the images the customer sent. */
  photosSent: string[];
  /** The same captions, '' for an image without one, or what the customer said (worded per language). */
  photoCaptions: (string | { said: string })[];
  /** A message on the ticket says the delivery address was changed. */
  addressChanged: boolean;
  /** What promised a reshipment (补发), or null. */
  reshipmentPromised: string | null;
  /**
   * The main order's shipping state; disputed when the order status and the escalation reason disagree
   * (status 已付款 but "订单已出库"): then neither "已发货" nor "还没发货" may be said before checking.
   */
  shipState: 'unshipped' | 'shipped' | 'disputed' | 'unknown';
  /** What the escalation reason or a system message says about shipping, when it does. */
  shipEvidence: string;
  /** The same as a code the renderer words (shipEvidence stays the Chinese). */
  shipProof: Evidence | null;
  /** The main order's status, for reasons in the reader's language. */
  orderStatus: Order['status'] | null;
  /** The main order's refund state. */
  refundState: 'refunding' | 'refunded' | 'none';
  /** The main order's status in words, for reasons. */
  orderStatusZh: string | null;
}

export interface FactConflict {
  /** fact.<check>: stable, for the UI and tests. */
  code: string;
  severity: 'low' | 'medium' | 'high';
  /** Why, in Chinese (what older rows and the command line read). */
  reason: string;
  /** Why, as a code with params the renderer words in the reader's language. */
  text: FactText;
  /** [start, end) into the text. */
  start: number;
  end: number;
  excerpt: string;
}

const STATUS_ZH: Record<Order['status'], string> = {
  pending_payment: '待付款',
  paid: '已付款未发货',
  shipped: '已发货',
  delivered: '已签收',
  completed: '已完成',
  refunding: '退款中',
  refunded: '已退款',
  cancelled: '已取消',
};

/** 8, 十五, 二十 … small counts as customers write them (days, weeks). */
const smallNumber = (s: string): number | undefined => chineseNumber(s) ?? undefined;
const N = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';

const textOf = (m: Message): string =>
  m.kind === 'text'
    ? m.text
    : m.kind === 'voice'
      ? m.transcript
      : m.kind === 'system'
        ? m.text
        : m.kind === 'image'
          ? (m.caption ?? '')
          : '';

/** Days since delivery the customer states: "已经第8天了", "收到十天了", "签收一个礼拜了". */
function statedDaysSinceDelivery(text: string): number | undefined {
  let m = text.match(new RegExp(`第\\s*${N}\\s*天`));
  if (m) return smallNumber(m[1]!);
  m = text.match(
    new RegExp(`(?:收到|签收|到货|到了|买了|用了)[^，。！？]{0,4}?${N}\\s*(天|周|个?星期|个?礼拜|个?月)了?`),
  );
  if (m) {
    const n = smallNumber(m[1]!);
    if (n === undefined) return undefined;
    const unit = m[2]!;
    return /周|星期|礼拜/.test(unit) ? n * 7 : /月/.test(unit) ? n * 30 : n;
  }
  if (/(?:收到|签收|到货)[^，。！？]{0,4}(?:一个|1个)?(?:礼拜|星期|周)了/.test(text)) return 7;
  return undefined;
}

const PAST_WINDOW = /(?:超出|超过|已过|过了|逾期)[^，。；]{0,8}(?:无理由|退货期|退换期|退货时效|退货期限)/;

export function ticketFacts(ticket: FactTicket, policy: FactPolicy, now: number): TicketFacts {
  const main = ticket.orders[0];
  const daysSinceOrder = main ? Math.floor((now - main.createdAt) / DAY_MS) : undefined;
  const system = [
    ticket.escalationReason,
    ...ticket.messages.filter((m) => m.from === 'system').map(textOf),
  ].join('\n');

  // Return window: the escalation saying so wins, then the customer's own count, then the order date
  // (delivery comes after the order, so an order placed within the window was delivered within it).
  const noOrder: Evidence = { kind: 'no_order' };
  let returnWindow: TicketFacts['returnWindow'] = { state: 'unknown', evidence: '', proof: noOrder };
  const pastReason = system.match(PAST_WINDOW);
  if (pastReason)
    returnWindow = {
      state: 'past',
      evidence: `转人工原因：${ticket.escalationReason}`,
      proof: escalationProof(ticket),
    };
  else {
    for (let i = ticket.messages.length - 1; i >= 0; i--) {
      const m = ticket.messages[i]!;
      if (m.from !== 'customer') continue;
      const days = statedDaysSinceDelivery(textOf(m));
      if (days === undefined) continue;
      returnWindow = {
        state: days > policy.returnDays ? 'past' : 'within',
        evidence: `客户说：「${textOf(m).slice(0, 40)}」`,
        proof: { kind: 'customer_said', quote: textOf(m).slice(0, 40) },
      };
      break;
    }
    if (
      returnWindow.state === 'unknown' &&
      main &&
      ['delivered', 'completed'].includes(main.status) &&
      daysSinceOrder !== undefined &&
      daysSinceOrder <= policy.returnDays
    )
      returnWindow = {
        state: 'within',
        evidence: `订单下单 ${daysSinceOrder} 天，签收不会更早`,
        proof: { kind: 'ordered_days_ago', days: daysSinceOrder },
      };
    else if (returnWindow.state === 'unknown' && daysSinceOrder !== undefined) {
      returnWindow.evidence = `下单已 ${daysSinceOrder} 天，工单里没有签收日期`;
      returnWindow.proof = { kind: 'no_delivery_date', days: daysSinceOrder };
    }
  }

  let priceProtectWindow: TicketFacts['priceProtectWindow'] = { state: 'unknown', evidence: '' };
  if (main && daysSinceOrder !== undefined)
    priceProtectWindow = {
      state: daysSinceOrder > policy.priceProtectDays ? 'past' : 'within',
      evidence: `订单下单已 ${daysSinceOrder} 天，价保为 ${policy.priceProtectDays} 天`,
      days: daysSinceOrder,
    };

  // Pictures in the conversation, and the customer saying they sent some ("照片发你了", "截图都传了"):
  // the channel may deliver the image separately, or the bot's side of the conversation may hold it.
  const photoMessages = ticket.messages.filter(
    (m) => m.from === 'customer' && (m.kind === 'image' || SAYS_PHOTOS_SENT.test(textOf(m))),
  );
  const photosSent = photoMessages.map((m) =>
    m.kind === 'image' ? m.caption || '图片' : `客户说「${textOf(m).slice(0, 20)}」`,
  );

  const said = ticket.messages.filter((m) => m.from !== 'customer').map(textOf);
  const addressChanged = said.some((t) => ADDRESS_CHANGED.test(t) && !NEGATED.test(t));
  const reshipment = [...said, ...(ticket.aiActions ?? []).map((a: TicketAction) => a.summary)].find(
    (t) => /补发|重新发一|再发一/.test(t) && !/(?:无法|不能|不会|不予|不支持)[^，。]{0,4}补发/.test(t),
  );

  const status = main?.status;
  const byStatus =
    status === 'paid' || status === 'pending_payment'
      ? 'unshipped'
      : status === 'shipped' || status === 'delivered' || status === 'completed'
        ? 'shipped'
        : 'unknown';
  const saysShipped = /已(?:经)?(?:发货|出库|发出|揽收)/.test(system) && !/未(?:发货|出库)/.test(system);
  const saysUnshipped = /(?:未|没有?|尚未)(?:发货|出库)/.test(system);
  const shipState =
    (byStatus === 'unshipped' && saysShipped) || (byStatus === 'shipped' && saysUnshipped)
      ? 'disputed'
      : byStatus;
  return {
    returnWindow,
    priceProtectWindow,
    photosSent,
    photoCaptions: photoMessages.map((m) =>
      m.kind === 'image' ? (m.caption ?? '').slice(0, 100) : { said: textOf(m).slice(0, 20) },
    ),
    addressChanged,
    reshipmentPromised: reshipment ?? null,
    shipState,
    shipEvidence: saysShipped || saysUnshipped ? `转人工原因：${ticket.escalationReason}` : '',
    shipProof: saysShipped || saysUnshipped ? escalationProof(ticket) : null,
    refundState: status === 'refunding' ? 'refunding' : status === 'refunded' ? 'refunded' : 'none',
    orderStatusZh: status ? STATUS_ZH[status] : null,
    orderStatus: status ?? null,
  };
}

function escalationProof(ticket: FactTicket): Evidence {
  return {
    kind: 'escalation',
    reason: ticket.escalationReason.slice(0, 500),
    ...(ticket.escalationCode ? { reasonCode: ticket.escalationCode } : {}),
  };
}

const SAYS_PHOTOS_SENT =
  /(?:照片|图片|截图|视频)[^，。？?]{0,4}(?:发|传|上传)(?:你|您|给你|过|了)|(?:发|传)(?:了|过)[^，。]{0,3}(?:照片|图片|截图)/;
