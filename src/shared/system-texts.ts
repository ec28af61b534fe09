// Codes for texts the hub (or the platform behind it) produces for people to read, so each screen can
// say them in its own language. The hub still sends its Chinese text beside the code: an older
// workstation, or a code this one does not know yet, shows that text as before.

/** Why the AI agent handed the conversation over; the Chinese is what the platform has always sent. */
export const ESCALATION_REASONS = {
  outside_return_window: {
    zh: '超出7天无理由期限，需人工判断',
    en: 'Outside the 7-day no-reason return window; needs a person to decide',
  },
  tag_removed: { zh: '吊牌已拆，退货条件存疑', en: 'Tag removed; unclear whether a return is allowed' },
  refund_overdue: { zh: '退款超时', en: 'Refund overdue' },
  customer_upset_complaint_risk: {
    zh: '客户情绪激动，投诉风险高',
    en: 'Customer upset; high risk of a complaint',
  },
  exchange_out_of_stock: { zh: '换货目标规格无库存', en: 'The variant to exchange for is out of stock' },
  prefers_return: { zh: '客户倾向退货', en: 'Customer leans towards a return' },
  vat_invoice: { zh: '客户需要增值税专用发票', en: 'Customer needs a special VAT invoice' },
  invoice_reissue: { zh: '发票重开需人工处理', en: 'Reissuing the invoice needs a person' },
  replacement_policy_check: {
    zh: '客户要求换新，需判断是否符合政策',
    en: 'Customer wants a replacement; check it against the policy',
  },
  order_left_warehouse: {
    zh: '订单已出库，需要拦截',
    en: 'Order already left the warehouse; needs intercepting',
  },
  duplicate_charge: { zh: '疑似重复扣款', en: 'Possible duplicate charge' },
  payment_state_abnormal: { zh: '支付状态异常', en: 'Payment status looks wrong' },
  quality_compensation: {
    zh: '质量投诉，客户要求赔偿',
    en: 'Quality complaint; customer asks for compensation',
  },
  explicit_complaint: { zh: '客户情绪激动，明确表示投诉', en: 'Customer upset and says they will complain' },
  service_complaint_supervisor: {
    zh: '服务投诉，客户要求主管处理',
    en: 'Service complaint; customer asks for a supervisor',
  },
  repeat_contact_unresolved: { zh: '多次进线未解决', en: 'Contacted several times, still unresolved' },
  counterfeit_claim: {
    zh: '假货投诉，涉及假一赔十',
    en: 'Counterfeit claim involving a "ten times back" promise',
  },
  external_complaint_threat: {
    zh: '客户威胁外部投诉',
    en: 'Customer threatens to complain outside the platform',
  },
  damaged_parcel: { zh: '包裹破损，需要补发或退款', en: 'Parcel damaged; needs a resend or a refund' },
  resend_requested: { zh: '客户要求补发', en: 'Customer asks for a resend' },
  not_shipped_in_time: { zh: '订单超时未发货', en: 'Order not shipped in time' },
  expedite_requested: { zh: '客户要求加急发货', en: 'Customer asks for faster shipping' },
  tracking_stale: { zh: '物流信息长时间未更新', en: 'Tracking has not updated for a long time' },
  delivered_not_received: {
    zh: '客户反馈未收到但显示签收',
    en: 'Shown as delivered but the customer has not received it',
  },
  intercept_reroute: {
    zh: '订单已发货，需要联系快递拦截改址',
    en: 'Already shipped; the carrier must intercept and reroute it',
  },
  carrier_exception: { zh: '快递异常件，需人工协调', en: 'Carrier exception; needs a person to coordinate' },
  urgent_delivery_demand: { zh: '客户强烈要求时效', en: 'Customer insists on a delivery time' },
  kb_no_answer: {
    zh: '客户追问细节参数，知识库无明确答案',
    en: 'Detailed specs asked; the knowledge base has no clear answer',
  },
  asked_for_human: { zh: '客户要求人工服务', en: 'Customer asked for a person' },
  size_between_ranges: {
    zh: '客户身材数据与尺码表区间重叠，需要人工判断',
    en: 'Measurements fall between two sizes; needs a person to judge',
  },
  size_return_history: { zh: '客户有历史尺码退货记录', en: 'Customer has returned items for size before' },
  restock_date_unknown: {
    zh: '客户要求确认补货日期，库存系统无排期',
    en: 'Customer wants a restock date; the stock system has none',
  },
  urgent_stock_transfer: {
    zh: '客户急需，要求调货',
    en: 'Customer needs it urgently and asks for a stock transfer',
  },
  subjective_advice: { zh: '客户需要主观购买建议', en: 'Customer wants personal buying advice' },
  multi_product_compare: {
    zh: '多商品对比超出机器人能力',
    en: 'Comparing several products is beyond the bot',
  },
  coupon_not_applicable: {
    zh: '客户反馈优惠券无法核销，需人工核查',
    en: 'Coupon cannot be redeemed; needs checking',
  },
  coupon_state_abnormal: { zh: '券状态异常', en: 'Coupon status looks wrong' },
  checkout_amount_disputed: {
    zh: '客户对结算金额有异议，需人工核算',
    en: 'Customer disputes the checkout amount; needs recalculating',
  },
  stacked_discount_rules: { zh: '多种优惠叠加规则解释', en: 'Explaining how several discounts combine' },
  price_protection_refused: {
    zh: '价保申请被系统拒绝，客户有退货倾向',
    en: 'Price protection refused by the system; customer may return it',
  },
  flash_sale_price_drop: {
    zh: '降价来源为限时活动，需人工判断',
    en: 'The price drop is a flash sale; needs a person to judge',
  },
  points_abnormal: {
    zh: '会员积分异常变动需人工核查',
    en: 'Unexpected change in member points; needs checking',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type EscalationReasonCode = keyof typeof ESCALATION_REASONS;

/** The code of a reason the platform sent as Chinese text, when it is one we know. */
export function escalationCodeFor(text: string): EscalationReasonCode | undefined {
  return (Object.keys(ESCALATION_REASONS) as EscalationReasonCode[]).find(
    (code) => ESCALATION_REASONS[code].zh === text,
  );
}

/** Why a ticket was taken from this agent (`ticket:revoked` code); {by} is who moved it. */
export const REVOKE_REASONS = {
  agent_away: {
    zh: '坐席离线超过宽限期，工单已转派',
    en: 'You were offline past the grace period; the ticket went to someone else',
  },
  transferred_by: { zh: '由 {by} 转接', en: 'Transferred by {by}' },
  closed_as_transfer: { zh: '坐席结单：转接', en: 'Closed as a transfer' },
  /** A resume after the hub's replay log moved past the workstation's cursor: no longer this agent's. */
  moved_while_offline: {
    zh: '离线期间工单已不在你名下',
    en: 'While you were offline the ticket moved to someone else',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type RevokeReasonCode = keyof typeof REVOKE_REASONS;

/** The revocation in words, or null when the code is unknown (then the hub's text is shown). */
export function revokeReasonWords(
  code: string | undefined,
  by: string | undefined,
  lang: 'zh-CN' | 'en',
): string | null {
  if (!code || !(code in REVOKE_REASONS)) return null;
  const words = REVOKE_REASONS[code as RevokeReasonCode];
  return (lang === 'en' ? words.en : words.zh).replace('{by}', by ?? '');
}

/**
 * Tags the hub puts on tickets (context, not the agent's judgement). Older hubs sent Chinese words;
 * `aliases` maps them onto the code so they read the same.
 */
export const SYSTEM_TAGS = {
  sla_breached: { zh: 'SLA 超时', en: 'SLA breached', aliases: [] },
  ai_attempted: { zh: 'AI 已尝试处理', en: 'AI tried first', aliases: ['AI已处理'] },
  high_value: { zh: '高价值', en: 'High value', aliases: ['高价值'] },
  remote_area: { zh: '偏远地区', en: 'Remote area', aliases: ['偏远地区'] },
  returning: { zh: '近期多次进线', en: 'Contacted several times recently', aliases: ['近期多次进线'] },
} as const satisfies Record<string, { zh: string; en: string; aliases: readonly string[] }>;
export type SystemTagCode = keyof typeof SYSTEM_TAGS;

export function systemTagCode(tag: string): SystemTagCode | undefined {
  if (tag in SYSTEM_TAGS) return tag as SystemTagCode;
  return (Object.keys(SYSTEM_TAGS) as SystemTagCode[]).find((code) =>
    (SYSTEM_TAGS[code].aliases as readonly string[]).includes(tag),
  );
}

/** A tag in words: a system tag in the reader's language, anything else (the agent's own) as typed. */
export function tagLabel(tag: string, lang: 'zh-CN' | 'en'): string {
  const code = systemTagCode(tag);
  if (!code) return tag;
  return lang === 'en' ? SYSTEM_TAGS[code].en : SYSTEM_TAGS[code].zh;
}
