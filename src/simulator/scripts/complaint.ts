// Complaints: quality, service, counterfeit goods, damaged packages.
import type { Intent } from '../../shared/domain';
import { CLOSERS } from './closers';
import type { IntentScript } from './types';

export const COMPLAINT_SCRIPTS: Record<
  Extract<Intent, 'quality_complaint' | 'service_complaint' | 'fake_goods' | 'damaged_package'>,
  IntentScript
> = {
  quality_complaint: {
    openers: [
      '刚买的{product}开线了，什么质量！',
      '{product}洗一次就掉色，染了我其他衣服',
      '{product}有异味，是不是有问题',
    ],
    bot: ['非常抱歉给您带来不好的体验，您可以申请退货退款～'],
    pushback: ['退货就完了？我的损失谁赔', '我要投诉！'],
    reasons: ['质量投诉，客户要求赔偿', '客户情绪激动，明确表示投诉'],
    suggestions: [
      '非常抱歉，我们为您办理退货退款，并额外补偿一张无门槛券表示歉意。',
      '请提供商品问题照片，我们会在24小时内给您处理方案。',
    ],
    answers: ['照片发你了，你看看', '补偿太少了', '行，那就这样处理吧', ...CLOSERS],
    sentiment: [-0.9, -0.5],
    image: { p: 0.6, caption: '开线位置', damaged: true },
    voice: 0.2,
    products: ['服装', '食品'],
    byCategory: {
      食品: {
        openers: [
          '{product}收到就有一股哈喇味',
          '{product}里面有坏的，是不是过期了',
          '{product}有异味，是不是有问题',
        ],
        image: { p: 0.6, caption: '变质的样子', damaged: true },
      },
    },
    aiActions: [
      {
        type: 'refund_approve',
        actor: '售后Agent',
        params: { orderId: '{order}' },
        summary: '同意全额退款',
        p: 0.5,
      },
      {
        type: 'refund_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '需先寄回质检，暂不退款',
        p: 0.3,
      },
      {
        type: 'coupon_push',
        actor: '营销决策Agent',
        params: { amount: 15, threshold: 99 },
        summary: '推送满99减15优惠券',
        p: 0.35,
      },
      { type: 'compensate', actor: '售后Agent', params: { amount: 50 }, summary: '补偿50元', p: 0.3 },
    ],
    lateActions: [
      {
        type: 'coupon_push',
        actor: '营销决策Agent',
        params: { amount: 10, threshold: 59 },
        summary: '推送新品券',
        p: 0.3,
      },
    ],
    marketing: true,
  },
  service_complaint: {
    openers: ['你们客服态度太差了！', '问了三次都没人解决，我要投诉', '机器人一直绕圈子，浪费我时间'],
    bot: ['非常抱歉给您带来不便，您的反馈我们已记录～'],
    pushback: ['记录有什么用，我要结果', '把你们主管叫来'],
    reasons: ['服务投诉，客户要求主管处理', '多次进线未解决'],
    suggestions: [
      '非常抱歉让您多次联系，这个问题由我全程跟进，今天内给您明确答复。',
      '我理解您的心情，我先把您之前的问题处理好，再记录您的投诉。',
    ],
    answers: ['这还差不多', '你能保证今天解决？', ...CLOSERS],
    sentiment: [-0.95, -0.6],
    voice: 0.35,
    aiActions: [
      {
        type: 'coupon_push',
        actor: '营销决策Agent',
        params: { amount: 20, threshold: 199 },
        summary: '推送满199减20安抚券',
        p: 0.4,
      },
    ],
    marketing: false,
  },
  fake_goods: {
    openers: ['你们卖的{product}是假货吧？防伪码查不到', '和专柜买的对比完全不一样', '我要求假一赔十'],
    bot: ['本店所有商品均为正品，支持专柜验货～'],
    pushback: ['我已经拿去专柜鉴定了', '不处理我就去12315投诉'],
    reasons: ['假货投诉，涉及假一赔十', '客户威胁外部投诉'],
    suggestions: [
      '非常重视您的反馈，请提供防伪码截图和商品照片，我们提交品牌方核验。',
      '如经鉴定为非正品，我们将按平台规则承担赔偿责任。',
    ],
    answers: ['照片发你了', '多久能有结果？', ...CLOSERS],
    sentiment: [-0.9, -0.5],
    image: { p: 0.5, caption: '防伪码对比' },
    products: ['美妆', '数码', '鞋靴'],
    aiActions: [
      { type: 'compensate', actor: '售后Agent', params: { amount: 300 }, summary: '先行赔付300元', p: 0.3 },
      {
        type: 'refund_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '无鉴定报告，不予退款',
        p: 0.3,
      },
      {
        type: 'refund_approve',
        actor: '售后Agent',
        params: { orderId: '{order}' },
        summary: '同意退货退款',
        p: 0.4,
      },
    ],
    marketing: false,
  },
  damaged_package: {
    openers: [
      '快递到了外箱全压坏了，里面的{product}也压坏了',
      '收到的包裹是破的，东西少了一件',
      '{product}到手就是坏的，外包装都破了',
    ],
    bot: ['非常抱歉，请您拍照上传破损情况，我们尽快处理～'],
    pushback: ['照片都传了，怎么还没人处理', '我要求重新发货'],
    reasons: ['包裹破损，需要补发或退款', '客户要求补发'],
    suggestions: [
      '看到照片了，非常抱歉，我们马上为您补发一件，破损件无需寄回。',
      '已为您登记破损理赔，退款会在审核后原路退回。',
    ],
    answers: ['补发什么时候到？', '这次包装好一点', ...CLOSERS],
    sentiment: [-0.7, -0.3],
    image: { p: 0.7, caption: '外箱破损', damaged: true },
    aiActions: [
      { type: 'compensate', actor: '物流Agent', params: { amount: 10 }, summary: '补偿10元', p: 0.5 },
      { type: 'compensate', actor: '售后Agent', params: { amount: 20 }, summary: '补偿20元', p: 0.4 },
      {
        type: 'coupon_push',
        actor: '营销决策Agent',
        params: { amount: 5, threshold: 49 },
        summary: '推送满49减5券',
        p: 0.25,
      },
    ],
    marketing: false,
  },
};
