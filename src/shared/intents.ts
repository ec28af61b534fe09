// The e-commerce intents the upstream AI classifies; the hub routes and the workstation triages on them.
// Kept as data so routing, triage, i18n and the simulator read one list.

export const INTENT_IDS = [
  // 售前 pre-sale
  'product_inquiry',
  'size_advice',
  'stock_inquiry',
  'product_compare',
  // 促销 promotion
  'coupon_inquiry',
  'promotion_rules',
  'price_protection',
  'membership',
  // 物流 logistics
  'shipping_time',
  'tracking',
  'address_change',
  'delivery_exception',
  // 售后 returns / refunds
  'return_request',
  'refund_progress',
  'exchange',
  'invoice',
  'warranty',
  'order_cancel',
  'payment_issue',
  // 投诉 complaints
  'quality_complaint',
  'service_complaint',
  'fake_goods',
  'damaged_package',
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

export type IntentCategory = 'presale' | 'promotion' | 'logistics' | 'aftersale' | 'complaint';

export interface IntentInfo {
  category: IntentCategory;
  zh: string;
  en: string;
  /** 1 (routine) … 5 (severe): feeds priority and the offline triage score. */
  severity: number;
}

export const INTENTS: Record<IntentId, IntentInfo> = {
  product_inquiry: { category: 'presale', zh: '商品咨询', en: 'Product question', severity: 1 },
  size_advice: { category: 'presale', zh: '尺码推荐', en: 'Size advice', severity: 1 },
  stock_inquiry: { category: 'presale', zh: '库存到货', en: 'Stock / restock', severity: 1 },
  product_compare: { category: 'presale', zh: '商品对比', en: 'Product comparison', severity: 1 },
  coupon_inquiry: { category: 'promotion', zh: '优惠券', en: 'Coupon', severity: 1 },
  promotion_rules: { category: 'promotion', zh: '活动规则', en: 'Promotion rules', severity: 2 },
  price_protection: { category: 'promotion', zh: '价格保护', en: 'Price protection', severity: 3 },
  membership: { category: 'promotion', zh: '会员权益', en: 'Membership', severity: 1 },
  shipping_time: { category: 'logistics', zh: '发货时间', en: 'Shipping time', severity: 2 },
  tracking: { category: 'logistics', zh: '物流查询', en: 'Tracking', severity: 2 },
  address_change: { category: 'logistics', zh: '修改地址', en: 'Address change', severity: 3 },
  delivery_exception: { category: 'logistics', zh: '派送异常', en: 'Delivery exception', severity: 4 },
  return_request: { category: 'aftersale', zh: '退货申请', en: 'Return request', severity: 3 },
  refund_progress: { category: 'aftersale', zh: '退款进度', en: 'Refund progress', severity: 3 },
  exchange: { category: 'aftersale', zh: '换货', en: 'Exchange', severity: 3 },
  invoice: { category: 'aftersale', zh: '发票', en: 'Invoice', severity: 1 },
  warranty: { category: 'aftersale', zh: '保修维修', en: 'Warranty / repair', severity: 2 },
  order_cancel: { category: 'aftersale', zh: '取消订单', en: 'Cancel order', severity: 2 },
  payment_issue: { category: 'aftersale', zh: '支付问题', en: 'Payment issue', severity: 3 },
  quality_complaint: { category: 'complaint', zh: '质量投诉', en: 'Quality complaint', severity: 5 },
  service_complaint: { category: 'complaint', zh: '服务投诉', en: 'Service complaint', severity: 5 },
  fake_goods: { category: 'complaint', zh: '假货投诉', en: 'Counterfeit complaint', severity: 5 },
  damaged_package: { category: 'complaint', zh: '包裹破损', en: 'Damaged package', severity: 4 },
};

export const INTENT_CATEGORY_LABELS: Record<IntentCategory, { zh: string; en: string }> = {
  presale: { zh: '售前', en: 'Pre-sale' },
  promotion: { zh: '促销', en: 'Promotion' },
  logistics: { zh: '物流', en: 'Logistics' },
  aftersale: { zh: '售后', en: 'After-sale' },
  complaint: { zh: '投诉', en: 'Complaint' },
};

export function isComplaint(intent: IntentId): boolean {
  return INTENTS[intent].category === 'complaint';
}
