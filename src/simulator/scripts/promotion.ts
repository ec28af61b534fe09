// Promotions: coupons, rules, price protection, membership.
import type { Intent } from '../../shared/domain';
import { CLOSERS } from './closers';
import type { IntentScript } from './types';

export const PROMOTION_SCRIPTS: Record<
  Extract<Intent, 'coupon_inquiry' | 'promotion_rules' | 'price_protection' | 'membership'>,
  IntentScript
> = {
  coupon_inquiry: {
    openers: ['我领的满200减30的券怎么用不了？', '优惠券显示已过期，但我昨天才领的', '新人券在哪里领'],
    bot: ['亲，优惠券的使用门槛和有效期可以在「我的-优惠券」中查看哦～'],
    pushback: ['我满足门槛了还是用不了', '你们是不是在骗人'],
    reasons: ['客户反馈优惠券无法核销，需人工核查', '券状态异常'],
    suggestions: [
      '亲，这张券仅限指定店铺商品使用，您购物车里有非活动商品哦。',
      '我已经为您重新补发一张同面额的优惠券，请查收。',
    ],
    answers: ['哦，原来是这样', '补发的券多久能到？', ...CLOSERS],
    sentiment: [-0.3, 0.2],
    aiActions: [
      {
        type: 'coupon_push',
        actor: '营销决策Agent',
        params: { amount: 20, threshold: 199 },
        summary: '补发满199减20优惠券',
        p: 0.5,
      },
    ],
    marketing: true,
  },
  promotion_rules: {
    openers: ['跨店满300减50是怎么算的？', '会员日的折扣和满减能叠加吗', '预售定金能退吗'],
    bot: ['亲，活动规则请查看活动页面底部的「活动说明」哦～'],
    pushback: ['说明太复杂了看不懂', '我算出来的价格和结算页不一样'],
    reasons: ['客户对结算金额有异议，需人工核算', '多种优惠叠加规则解释'],
    suggestions: [
      '跨店满减按实付金额计算，每满300减50，可与店铺券叠加使用。',
      '预售定金在尾款未支付前不支持退还，定金膨胀部分以活动页为准。',
    ],
    answers: ['那我这单能减多少？', '懂了，那我凑一下单', ...CLOSERS],
    sentiment: [-0.1, 0.4],
    marketing: true,
  },
  price_protection: {
    openers: [
      '我买完第二天就降价了50块，能补差价吗？',
      '{product}现在便宜了，申请价保',
      '我买了三天就降价，太坑了吧',
    ],
    bot: ['亲，价保需在商品价保期内申请，可在订单详情页点击「价格保护」哦。'],
    pushback: ['点了价保显示不符合条件', '不给补差价我就退货'],
    reasons: ['价保申请被系统拒绝，客户有退货倾向', '降价来源为限时活动，需人工判断'],
    suggestions: [
      '亲，您的订单在价保期内，我为您申请差价补偿{amount}元，1-3个工作日退回原支付账户。',
      '该降价属于直播间专享价，不在价保范围内，我可以为您申请一张店铺券作为补偿。',
    ],
    answers: ['那差价什么时候到账？', '券我不要，我要退差价', ...CLOSERS],
    sentiment: [-0.5, -0.1],
    aiActions: [
      {
        type: 'discount',
        actor: '价保Agent',
        params: { amount: 30, orderId: '{order}' },
        summary: '补差价30元',
        p: 0.6,
      },
      {
        type: 'refund_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '直播专享价不支持价保',
        p: 0.3,
      },
    ],
    marketing: false,
  },
  membership: {
    openers: ['88VIP的退货运费券怎么用？', '我的会员积分怎么少了', '会员日是每个月几号'],
    bot: ['亲，会员权益可在「我的-会员中心」查看哦～'],
    pushback: ['积分无缘无故少了500', '权益说明和实际不一样'],
    reasons: ['会员积分异常变动需人工核查'],
    suggestions: [
      '积分变动记录可在会员中心查看，过期积分会在每年12月31日清零。',
      '会员日为每月18日，当天全场会员享额外9.5折。',
    ],
    answers: ['那过期的积分能恢复吗', ...CLOSERS],
    sentiment: [-0.2, 0.3],
    marketing: true,
  },
};
