// Words of the pre-send guard's warnings and of the verdicts on what the AI promised (codes from
// src/shared/core-texts.ts, worded by core-words.ts). The Chinese is, word for word, what the core
// has always written (tests/unit/core-words.test.ts compares them).
import type { Strings } from './types';

export const guardTextsZh = {
  subject: { draft: '草稿', ai: 'AI' },
  role: { agent: '坐席', lead: '组长', admin: '管理员' },
  listSeparator: '、',
  return_days: '{{who}}承诺 {{days}} 天可退货，店铺政策为签收后 {{policy}} 天无理由退货',
  exchange_days: '{{who}}承诺 {{days}} 天可换货，政策为 {{policy}} 天',
  price_protect_days: '{{who}}承诺 {{days}} 天价保，政策为 {{policy}} 天',
  carrier: '店铺只发{{carriers}}，{{who}}提到了{{named}}，无法兑现',
  refund_amount: '退款 {{amount}} 元超过订单实付金额 {{cap}} 元',
  compensation: '补偿 {{amount}} 元超过{{role}}权限上限 {{max}} 元，需组长审批',
  coupon: '优惠券 {{amount}} 元超过{{role}}可发上限 {{max}} 元',
  discount_fold: '{{fold}} 折低于{{role}}最低可给的 {{min}} 折',
  refund_hours: '{{who}}承诺 {{hours}} 小时内退款到账，政策时效为 {{policy}} 小时，可能无法兑现',
  ship_hours: '{{who}}承诺 {{hours}} 小时内发货，店铺承诺时效为 {{policy}} 小时',
  free_shipping_threshold: '{{who}}写满 {{amount}} 元包邮，店铺包邮门槛为 {{policy}} 元',
  promise: '{{title}}：{{reason}}{{source}}',
  promiseSource: '（知识库《{{title}}》：{{quote}}）',
  fact: '{{who}}与工单事实不符：{{fact}}',
  conflict: '{{title}}：{{explanation}}',
  evidence: {
    escalation: '转人工原因：{{reason}}',
    customer_said: '客户说：「{{quote}}」',
    ordered_days_ago: '订单下单 {{days}} 天，签收不会更早',
    no_delivery_date: '下单已 {{days}} 天，工单里没有签收日期',
    no_order: '没有订单信息',
  },
  status: {
    pending_payment: '待付款',
    paid: '已付款未发货',
    shipped: '已发货',
    delivered: '已签收',
    completed: '已完成',
    refunding: '退款中',
    refunded: '已退款',
    cancelled: '已取消',
  },
  facts: {
    return_window_within_past: '已超出 {{policy}} 天无理由退货期（{{evidence}}），不能说仍在期内',
    return_window_within_unknown:
      '无法确认仍在 {{policy}} 天无理由退货期内（{{evidence}}），请先核实签收日期',
    return_window_past_within: '仍在 {{policy}} 天无理由退货期内（{{evidence}}），不能说已超期',
    return_window_past_unknown: '无法确认已超出 {{policy}} 天无理由退货期（{{evidence}}），请先核实签收日期',
    return_after_window: '已超出 {{policy}} 天无理由退货期（{{evidence}}），先核实是否属于质量问题再答应退货',
    price_protect_within: '已过价保期（订单下单已 {{days}} 天，价保为 {{policy}} 天）',
    photos_already_sent: '客户已发送照片（{{captions}}），不必再索要同样的照片',
    photo: '图片',
    photo_said: '客户说「{{quote}}」',
    photos_not_sent: '客户还没有发过照片，不能说已经看到',
    address_not_changed: '工单里没有修改收货地址的记录，不能说已经改好',
    not_shipped: '订单状态为「{{status}}」，还没有发货',
    already_shipped: '订单状态为「{{status}}」，已经发出，不能说还没发货',
    ship_disputed: '订单状态「{{status}}」与{{evidence}}不一致，请先核实是否已发货',
    refund_not_done: '订单仍在退款中，款项尚未退回，不能说已经到账',
    reshipment_denied: '此前已承诺补发（「{{quote}}」）',
  },
};

export const guardTextsEn: Strings<typeof guardTextsZh> = {
  subject: { draft: 'The draft', ai: 'The AI' },
  role: { agent: 'agent', lead: 'lead', admin: 'admin' },
  listSeparator: ', ',
  return_days:
    '{{who}} promises returns within {{days}} days; the shop accepts no-reason returns for {{policy}} days after delivery',
  exchange_days: '{{who}} promises exchanges within {{days}} days; the policy allows {{policy}} days',
  price_protect_days: '{{who}} promises {{days}} days of price protection; the policy gives {{policy}} days',
  carrier: '{{who}} names {{named}}, but the shop ships only with {{carriers}}: a promise it cannot keep',
  refund_amount: 'A refund of {{amount}} is more than the {{cap}} paid for the order',
  compensation: 'Compensation of {{amount}} is above the {{role}} limit of {{max}}; a lead must approve it',
  coupon: 'A coupon of {{amount}} is above the {{role}} limit of {{max}}',
  discount_fold: '{{fold}} off is more than the {{role}} limit of {{min}} off',
  refund_hours:
    '{{who}} promises the refund within {{hours}} hours; the policy takes {{policy}} hours, so it may not hold',
  ship_hours: '{{who}} promises shipping within {{hours}} hours; the shop commits to {{policy}} hours',
  free_shipping_threshold: "{{who}} offers free shipping from {{amount}}; the shop's threshold is {{policy}}",
  promise: '{{title}}: {{reason}}{{source}}',
  promiseSource: ' (knowledge base, “{{title}}”: {{quote}})',
  fact: '{{who}} contradicts the ticket: {{fact}}',
  conflict: '{{title}}: {{explanation}}',
  evidence: {
    escalation: 'escalated because: {{reason}}',
    customer_said: 'the customer said “{{quote}}”',
    ordered_days_ago: 'ordered {{days}} days ago, so delivered no earlier',
    no_delivery_date: 'ordered {{days}} days ago, no delivery date on the ticket',
    no_order: 'no order on the ticket',
  },
  status: {
    pending_payment: 'Awaiting payment',
    paid: 'Paid, not shipped',
    shipped: 'Shipped',
    delivered: 'Delivered',
    completed: 'Completed',
    refunding: 'Refunding',
    refunded: 'Refunded',
    cancelled: 'Cancelled',
  },
  facts: {
    return_window_within_past:
      'It is past the {{policy}}-day no-reason return window ({{evidence}}); do not say it is still within it',
    return_window_within_unknown:
      'Cannot confirm it is still within the {{policy}}-day no-reason return window ({{evidence}}); check the delivery date first',
    return_window_past_within:
      'Still within the {{policy}}-day no-reason return window ({{evidence}}); do not say it has passed',
    return_window_past_unknown:
      'Cannot confirm the {{policy}}-day no-reason return window has passed ({{evidence}}); check the delivery date first',
    return_after_window:
      'Past the {{policy}}-day no-reason return window ({{evidence}}); check whether it is a quality problem before agreeing to a return',
    price_protect_within:
      'Price protection has ended (ordered {{days}} days ago; price protection lasts {{policy}} days)',
    photos_already_sent:
      'The customer already sent photos ({{captions}}); no need to ask for the same ones again',
    photo: 'a photo',
    photo_said: 'the customer said “{{quote}}”',
    photos_not_sent: 'The customer has not sent a photo yet; do not say you have seen one',
    address_not_changed: 'Nothing on the ticket shows the delivery address was changed; do not say it was',
    not_shipped: 'The order is “{{status}}”: it has not shipped yet',
    already_shipped: 'The order is “{{status}}”: it has already shipped, so do not say it has not',
    ship_disputed:
      'The order status “{{status}}” disagrees with the {{evidence}}; check whether it has shipped first',
    refund_not_done: 'The order is still being refunded; the money is not back yet, so do not say it arrived',
    reshipment_denied: 'A resend was already promised (“{{quote}}”)',
  },
};
