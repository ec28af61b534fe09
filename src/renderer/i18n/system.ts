// Words for texts the hub sends as codes (escalation reasons, system events, message kinds in the
// queue preview), both languages in one place. The codes' own words live in src/shared/system-texts.ts.
import type { Strings } from './types';

export const systemZh = {
  botHandedOver: '机器人转人工：{{reason}}',
  conflictDecided: '组长裁决「{{title}}」：采用 {{chosen}}',
  conflictDecidedCustom: '组长裁决「{{title}}」：其他处理',
  conflictNote: '。备注：{{note}}',
  preview: {
    image: '[图片]',
    voice: '[语音] {{detail}}',
    order_card: '[订单] {{detail}}',
    product_card: '[商品] {{detail}}',
    coupon_card: '[优惠券] {{detail}}',
  },
  customer: '顾客 {{name}}',
  policyActor: '平台政策',
  guardActor: '服务守则',
  facts: {
    returnDays: '退货天数',
    refundHours: '退款时效（小时）',
    priceProtectDays: '价保天数',
    amount: '金额（元）',
    orderId: '订单号',
    discount: '优惠（元）',
    days: '天数',
    hours: '小时',
    carrier: '快递',
    couponId: '优惠券',
    productId: '商品',
    skuId: '规格',
  },
};

export const systemEn: Strings<typeof systemZh> = {
  botHandedOver: 'Handed over by the bot: {{reason}}',
  conflictDecided: 'Lead decided “{{title}}”: {{chosen}}',
  conflictDecidedCustom: 'Lead decided “{{title}}”: something else',
  conflictNote: '. Note: {{note}}',
  preview: {
    image: '[Image]',
    voice: '[Voice] {{detail}}',
    order_card: '[Order] {{detail}}',
    product_card: '[Product] {{detail}}',
    coupon_card: '[Coupon] {{detail}}',
  },
  customer: 'Customer {{name}}',
  policyActor: 'Platform policy',
  guardActor: 'Service rules',
  facts: {
    returnDays: 'Return window (days)',
    refundHours: 'Refund time (hours)',
    priceProtectDays: 'Price protection (days)',
    amount: 'Amount (CNY)',
    orderId: 'Order',
    discount: 'Discount (CNY)',
    days: 'Days',
    hours: 'Hours',
    carrier: 'Carrier',
    couponId: 'Coupon',
    productId: 'Product',
    skuId: 'Variant',
  },
};
