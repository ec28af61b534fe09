// The statements a reply can make that the ticket's facts disprove, clause by clause (see
// ticket-facts.ts for the facts): each check names the statement, what takes it back, and the verdict
// in Chinese and as a code the renderer words. Pure: no Node, no clock, no DOM.
import type { FactPolicy, FactConflict, TicketFacts } from './ticket-facts';

export const NEGATED = /不能|无法|没法|不可以|不支持|不会|没有|未能|不予/;
export const ADDRESS_CHANGED =
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
      f.photosSent.length
        ? null
        : {
            severity: 'low',
            reason: '客户还没有发过照片，不能说已经看到',
            text: { code: 'fact.photos_not_sent', params: {} },
          },
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
