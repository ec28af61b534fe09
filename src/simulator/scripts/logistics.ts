// Logistics: shipping time, tracking, address changes, delivery exceptions.
import type { Intent } from '../../shared/domain';
import { CLOSERS } from './closers';
import type { IntentScript } from './types';

export const LOGISTICS_SCRIPTS: Record<
  Extract<Intent, 'shipping_time' | 'tracking' | 'address_change' | 'delivery_exception'>,
  IntentScript
> = {
  shipping_time: {
    openers: ['我的订单{order}怎么还没发货？', '付款三天了还显示待发货', '今天下单明天能到{city}吗'],
    bot: ['亲，商品会在付款后48小时内发货，请耐心等待哦～', '亲，已为您备注加急，24小时内一定发出～'],
    pushback: ['已经超过48小时了！', '我急用，能不能加急'],
    reasons: ['订单超时未发货', '客户要求加急发货'],
    suggestions: [
      '亲，非常抱歉，您的订单已催促仓库今天优先发出，发货后会同步单号给您。',
      '{city}一般下单后2-3天送达，偏远地区可能需要4-6天。',
    ],
    answers: ['今天一定能发吗？', '那发什么快递？', ...CLOSERS],
    sentiment: [-0.4, 0],
    aiActions: [
      {
        type: 'promise',
        actor: '物流Agent',
        params: { shipWithinHours: 24 },
        summary: '承诺24小时内发货',
        p: 0.4,
      },
    ],
    marketing: false,
  },
  tracking: {
    openers: [
      '{carrier}单号{tracking}三天没更新了',
      '物流一直显示在{city}转运中',
      '快递显示签收了但我没收到',
    ],
    bot: ['亲，物流信息可能存在延迟，建议您稍后再查看～'],
    pushback: ['已经三天没动了', '显示签收但我家里没人收到！'],
    reasons: ['物流信息长时间未更新', '客户反馈未收到但显示签收'],
    suggestions: [
      '我已联系{carrier}核实，24小时内给您回复最新进展。',
      '可能是快递放在驿站或快递柜了，我帮您联系快递员确认放置位置。',
    ],
    answers: ['驿站我去看过了没有', '好，那我等你消息', ...CLOSERS],
    sentiment: [-0.5, -0.1],
    voice: 0.3,
    marketing: false,
  },
  address_change: {
    openers: ['地址填错了，能改成{city}的地址吗', '已经发货了还能改地址吗？', '帮我把收货人电话改一下'],
    bot: ['亲，订单发货前可在订单详情页自助修改地址哦～'],
    pushback: ['已经发货了改不了', '页面上没有修改按钮'],
    reasons: ['订单已发货，需要联系快递拦截改址'],
    reasonsByStatus: [
      { status: 'paid', reasons: ['客户自助改址失败，需人工修改'], pushback: ['页面上没有修改按钮'] },
      { status: 'shipped', reasons: ['订单已发货，需要联系快递拦截改址'], pushback: ['已经发货了改不了'] },
    ],
    suggestions: [
      '订单已发出，我帮您联系{carrier}申请改派，可能产生少量改派费用。',
      '已为您修改收货信息，请在订单详情确认。',
    ],
    answers: ['改派要多少钱？', '改好了吗？', ...CLOSERS],
    sentiment: [-0.2, 0.2],
    marketing: false,
  },
  delivery_exception: {
    openers: ['快递被退回了是怎么回事？', '派送员说地址超区不送', '快递显示「异常件」'],
    bot: ['亲，异常件需要快递公司核实，请耐心等待～'],
    pushback: ['等了两天了没人管', '我明天要出差，今天必须送到'],
    reasons: ['快递异常件，需人工协调', '客户强烈要求时效'],
    suggestions: [
      '我已为您登记异常件加急处理，{carrier}会在今天内联系您。',
      '如果无法派送，我们可以为您重新补发一单，原包裹退回后处理。',
    ],
    answers: ['补发的话多久能到？', '要是再丢了怎么办', ...CLOSERS],
    sentiment: [-0.7, -0.3],
    voice: 0.3,
    aiActions: [
      { type: 'compensate', actor: '物流Agent', params: { amount: 10 }, summary: '补偿10元无门槛券', p: 0.5 },
    ],
    lateActions: [
      { type: 'compensate', actor: '售后Agent', params: { amount: 20 }, summary: '补偿20元', p: 0.5 },
    ],
    marketing: false,
  },
};
