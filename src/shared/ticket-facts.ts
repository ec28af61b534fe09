// The ticket's facts and the one definition of "this text contradicts them". What is known about a
// ticket (from its escalation reason, its orders' status and dates against the policy windows, and
// what the conversation shows was already done or sent) is read once into TicketFacts; factConflicts
// then reads a reply (a suggestion, an agent's draft, the bot's own words) clause by clause and names
// every statement the facts disprove: "您的订单仍在7天无理由退货期内" on a ticket escalated for being
// past the window, "已为您修改收货信息" when nothing was changed, a request for photos the customer
// already sent. The suggestion engine drops such candidates; the pre-send guard and the AI-promise
// check warn with the same reasons, so a suggestion the app offers is never blocked on send.
// Pure: no Node, no clock (the caller passes `now`), no DOM.
import type { Evidence, FactText } from './core-texts';
import type { Message, Order, Ticket, TicketAction } from './domain';

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
  /** The same captions, '' for an image without one (worded per language). */
  photoCaptions: string[];
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

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
/** 8, 十五, 二十 … small counts as customers write them (days, weeks). */
function smallNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = s.match(/^([一二两三四五六七八九])?十([一二三四五六七八九])?$/);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  return s.length === 1 ? CN_DIGITS[s] : undefined;
}
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
  const photosSent = ticket.messages
    .filter((m) => m.from === 'customer' && (m.kind === 'image' || SAYS_PHOTOS_SENT.test(textOf(m))))
    .map((m) => (m.kind === 'image' ? m.caption || '图片' : `客户说「${textOf(m).slice(0, 20)}」`));

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
    photoCaptions: ticket.messages
      .filter((m) => m.from === 'customer' && m.kind === 'image')
      .map((m) => (m.kind === 'image' ? (m.caption ?? '').slice(0, 100) : '')),
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
const NEGATED = /不能|无法|没法|不可以|不支持|不会|没有|未能|不予/;
const ADDRESS_CHANGED =
  /(?:已|已经)(?:为您|帮您|给您)?(?:修改|更改|改好|变更|更新)(?:了|好)?(?:您的)?(?:收货)?(?:地址|信息|收货信息)|(?:地址|收货信息)(?:已|已经)(?:修改|更改|改好|变更|更新)/;

interface Clause {
  text: string;
  offset: number;
  /** The whole sentence the clause is in: a condition ("如果是质量问题，…") may sit in an earlier clause. */
  sentence: string;
}
function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  for (const s of text.matchAll(/[^。！？!?\n]+[。！？!?]*/g))
    for (const m of s[0].matchAll(/[^，。！？；,.!?;\n～~]+/g))
      if (m[0].trim()) out.push({ text: m[0], offset: s.index + m.index, sentence: s[0] });
  return out;
}

interface FactCheck {
  code: string;
  /** The statement, within one clause. */
  says: RegExp;
  /** Words in the same sentence that take the statement back (a refusal, a condition). */
  unless?: RegExp;
  /** The conflict when the facts disprove the statement, or null. */
  judge(f: TicketFacts, policy: FactPolicy): Pick<FactConflict, 'severity' | 'reason' | 'text'> | null;
}

const disputedShipping = (f: TicketFacts): Pick<FactConflict, 'severity' | 'reason' | 'text'> => ({
  severity: 'low',
  reason: `订单状态「${f.orderStatusZh}」与${f.shipEvidence}不一致，请先核实是否已发货`,
  text: {
    code: 'fact.ship_disputed',
    params: { status: f.orderStatus ?? 'paid', evidence: f.shipProof ?? { kind: 'no_order' } },
  },
});

const CHECKS: FactCheck[] = [
  {
    code: 'fact.return_window_within',
    says: /(?:仍|还|尚|都)在[^，。]{0,8}(?:无理由|退货|退换)[^，。]{0,6}(?:期|期限|时效|范围)|(?:未|没|没有)(?:超过|超出|过)[^，。]{0,6}(?:无理由|退货)/,
    unless: /如果|若|是否|吗/,
    judge: (f, p) =>
      f.returnWindow.state === 'past'
        ? {
            severity: 'high',
            reason: `已超出 ${p.returnDays} 天无理由退货期（${f.returnWindow.evidence}），不能说仍在期内`,
            text: {
              code: 'fact.return_window_within',
              params: { state: 'past', policy: p.returnDays, evidence: f.returnWindow.proof },
            },
          }
        : f.returnWindow.state === 'unknown'
          ? // Not disproved, but not known either: the agent checks the sign-for date before saying it.
            {
              severity: 'low',
              reason: `无法确认仍在 ${p.returnDays} 天无理由退货期内（${f.returnWindow.evidence || '没有订单信息'}），请先核实签收日期`,
              text: {
                code: 'fact.return_window_within',
                params: { state: 'unknown', policy: p.returnDays, evidence: f.returnWindow.proof },
              },
            }
          : null,
  },
  {
    code: 'fact.return_window_past',
    says: /(?:您|订单|已经?)[^，。]{0,6}(?:超出|超过|过了|已过)[^，。]{0,8}(?:无理由|退货)/,
    unless: /如果|若|是否|吗/,
    judge: (f, p) =>
      f.returnWindow.state === 'within'
        ? {
            severity: 'high',
            reason: `仍在 ${p.returnDays} 天无理由退货期内（${f.returnWindow.evidence}），不能说已超期`,
            text: {
              code: 'fact.return_window_past',
              params: { state: 'within', policy: p.returnDays, evidence: f.returnWindow.proof },
            },
          }
        : f.returnWindow.state === 'unknown'
          ? {
              severity: 'low',
              reason: `无法确认已超出 ${p.returnDays} 天无理由退货期（${f.returnWindow.evidence || '没有订单信息'}），请先核实签收日期`,
              text: {
                code: 'fact.return_window_past',
                params: { state: 'unknown', policy: p.returnDays, evidence: f.returnWindow.proof },
              },
            }
          : null,
  },
  {
    code: 'fact.return_after_window',
    // Agreeing to a return, or walking the customer through applying for one ("选择退货退款并填写…").
    says: /(?:可以|能|可|为您|给您|帮您)(?:为您|给您|帮您)?(?:办理|申请|安排)?(?:无理由)?退货|选择退货退款/,
    // A quality problem is returned whatever the window; a condition or a question promises nothing.
    // "签收7天内可申请无理由退货" states the policy with its window, not a promise to this customer.
    unless:
      /质量|故障|破损|错发|漏发|如果|若|是否|吗|不能|无法|不支持|核实|[0-9一二三四五六七八九十]+\s*天内/,
    judge: (f, p) =>
      f.returnWindow.state === 'past'
        ? {
            severity: 'medium',
            reason: `已超出 ${p.returnDays} 天无理由退货期（${f.returnWindow.evidence}），先核实是否属于质量问题再答应退货`,
            text: {
              code: 'fact.return_after_window',
              params: { policy: p.returnDays, evidence: f.returnWindow.proof },
            },
          }
        : null,
  },
  {
    code: 'fact.price_protect_within',
    says: /(?:在|处于)[^，。]{0,4}(?:价保|保价|价格保护)(?:期|期限|范围)?内/,
    unless: /不在|如果|若|是否|吗/,
    judge: (f, p) =>
      f.priceProtectWindow.state === 'past'
        ? {
            severity: 'high',
            reason: `已过价保期（${f.priceProtectWindow.evidence}）`,
            text: {
              code: 'fact.price_protect_within',
              params: { days: f.priceProtectWindow.days ?? 0, policy: p.priceProtectDays },
            },
          }
        : null,
  },
  {
    code: 'fact.photos_already_sent',
    says: /(?:提供|上传|拍|发)(?:一下|一张|几张|下|个)?[^，。]{0,10}(?:照片|图片|实拍|视频|截图)/,
    // Asking for a different or an additional picture is fine; so is acknowledging the ones received.
    unless: /再|另外|补充|更多|其他|收到|看到|已/,
    judge: (f) =>
      f.photosSent.length
        ? {
            severity: 'low',
            reason: `客户已发送照片（${f.photosSent.slice(0, 3).join('、')}），不必再索要同样的照片`,
            text: { code: 'fact.photos_already_sent', params: { captions: f.photoCaptions.slice(0, 3) } },
          }
        : null,
  },
  {
    code: 'fact.photos_not_sent',
    // "看到照片了" when there is no picture in the conversation: the customer knows they sent none.
    says: /(?:看到|收到)(?:了)?(?:您的|您发的)?(?:照片|图片|截图)/,
    unless: /如果|若|是否|吗|之后|后/,
    judge: (f) =>
      f.photosSent.length ? null : { severity: 'low', reason: '客户还没有发过照片，不能说已经看到' },
  },
  {
    code: 'fact.address_not_changed',
    says: ADDRESS_CHANGED,
    unless: NEGATED,
    judge: (f) =>
      f.addressChanged
        ? null
        : {
            severity: 'high',
            reason: '工单里没有修改收货地址的记录，不能说已经改好',
            text: { code: 'fact.address_not_changed', params: {} },
          },
  },
  {
    code: 'fact.not_shipped',
    says: /(?:已|已经)(?:为您|帮您|给您)?(?:发货|发出|寄出|出库)|订单已(?:经)?(?:由[^，。]{1,6})?(?:发货|发出|出库)/,
    unless: NEGATED,
    judge: (f) =>
      f.shipState === 'unshipped'
        ? {
            severity: 'high',
            reason: `订单状态为「${f.orderStatusZh}」，还没有发货`,
            text: { code: 'fact.not_shipped', params: { status: f.orderStatus ?? 'paid' } },
          }
        : f.shipState === 'disputed'
          ? disputedShipping(f)
          : null,
  },
  {
    code: 'fact.already_shipped',
    says: /(?:还|尚)?(?:未|没|没有)(?:发货|出库|发出)/,
    judge: (f) =>
      f.shipState === 'shipped'
        ? {
            severity: 'medium',
            reason: `订单状态为「${f.orderStatusZh}」，已经发出，不能说还没发货`,
            text: { code: 'fact.already_shipped', params: { status: f.orderStatus ?? 'shipped' } },
          }
        : f.shipState === 'disputed'
          ? disputedShipping(f)
          : null,
  },
  {
    code: 'fact.refund_not_done',
    says: /退款已(?:经)?(?:原路)?(?:退回|到账|退还)|(?:已|已经)(?:为您)?(?:原路退回|退款成功)/,
    unless: /如果|若|是否|吗|预计|会/,
    judge: (f) =>
      f.refundState === 'refunding'
        ? {
            severity: 'medium',
            reason: '订单仍在退款中，款项尚未退回，不能说已经到账',
            text: { code: 'fact.refund_not_done', params: {} },
          }
        : null,
  },
  {
    code: 'fact.reshipment_denied',
    says: /(?:无法|不能|不会|不予|不支持)(?:为您|给您)?(?:重新)?补发/,
    judge: (f) =>
      f.reshipmentPromised
        ? {
            severity: 'high',
            reason: `此前已承诺补发（「${f.reshipmentPromised.slice(0, 40)}」）`,
            text: { code: 'fact.reshipment_denied', params: { quote: f.reshipmentPromised.slice(0, 40) } },
          }
        : null,
  },
];

/** Every statement in `text` the ticket's facts disprove, in text order. */
export function factConflicts(text: string, facts: TicketFacts, policy: FactPolicy): FactConflict[] {
  const out: FactConflict[] = [];
  for (const c of clauses(text)) {
    for (const check of CHECKS) {
      const m = c.text.match(check.says);
      if (!m) continue;
      if (check.unless?.test(c.sentence)) continue;
      const verdict = check.judge(facts, policy);
      if (!verdict) continue;
      const start = c.offset + (m.index ?? 0);
      out.push({ code: check.code, ...verdict, start, end: start + m[0].length, excerpt: c.text.trim() });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
