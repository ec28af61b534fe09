// Pre-sale questions: products, sizes, stock, comparisons.
import type { Intent } from '../../shared/domain';
import { CLOSERS } from './closers';
import type { IntentScript } from './types';

export const PRESALE_SCRIPTS: Record<
  Extract<Intent, 'product_inquiry' | 'size_advice' | 'stock_inquiry' | 'product_compare'>,
  IntentScript
> = {
  product_inquiry: {
    // The default lines ask about fabric and washing: clothes. Food and devices have their own.
    openers: [
      '{product}是什么材质的？会不会起球？',
      '请问{product}有没有现货，机洗会不会变形？',
      '这款{product}适合送长辈吗？质量怎么样',
    ],
    bot: [
      '亲，{product}的详细参数可以在商品详情页「规格参数」中查看哦～',
      '您好，这款商品的详细说明在详情页底部有介绍。',
    ],
    pushback: ['详情页写得不清楚，我想问具体一点', '机器人答非所问，找个真人'],
    reasons: ['客户追问细节参数，知识库无明确答案', '客户要求人工服务'],
    suggestions: [
      '亲，{product}采用优质面料，日常洗护建议冷水轻柔洗，不易起球变形～',
      '您好，这款目前有现货，付款后48小时内发货哦。',
    ],
    answers: ['那洗了会缩水吗？', '那我先下单试试', ...CLOSERS],
    sentiment: [0, 0.5],
    image: { p: 0.25, caption: '这款是同一个吗' },
    marketing: true,
    products: ['服装', '食品', '数码'],
    byCategory: {
      食品: {
        openers: [
          '{product}保质期多久？是新鲜的吗',
          '{product}配料干净吗？有没有添加剂',
          '这款{product}适合送长辈吗？质量怎么样',
        ],
        suggestions: [
          '亲，{product}是近期发货的新鲜批次，收到后请放阴凉干燥处保存，有任何品质问题随时联系我们～',
          '您好，这款目前有现货，付款后48小时内发货哦。',
        ],
        answers: ['开封以后能放多久？', '那我先下单试试', ...CLOSERS],
      },
      数码: {
        openers: [
          '{product}续航多久？支持快充吗',
          '{product}兼容苹果手机吗？',
          '这款{product}适合送长辈吗？质量怎么样',
        ],
        suggestions: [
          '亲，{product}兼容苹果和安卓设备，续航和快充参数以详情页「规格参数」为准，有一年质保～',
          '您好，这款目前有现货，付款后48小时内发货哦。',
        ],
        answers: ['坏了保修多久？', '那我先下单试试', ...CLOSERS],
      },
    },
  },
  size_advice: {
    openers: [
      '我身高165体重110斤，{product}穿什么码？',
      '{product}偏大还是偏小？我平时穿M',
      '孩子130cm，这件选哪个尺码合适',
    ],
    bot: ['亲，可以参考详情页的尺码表，按照身高体重选择哦～'],
    pushback: ['尺码表看不懂，腰围和身高对不上', '上次买的就偏小，你确定？'],
    reasons: ['客户身材数据与尺码表区间重叠，需要人工判断', '客户有历史尺码退货记录'],
    suggestions: [
      '根据您的身高体重，建议选择M码；如果喜欢宽松一点可以选L码哦。',
      '这款版型偏宽松，平时穿M码的选M就可以。',
    ],
    answers: ['那M码肩宽多少？', '好的，那我拍{size}', ...CLOSERS],
    sentiment: [0, 0.4],
    marketing: true,
    products: ['服装', '鞋靴'],
    byCategory: {
      鞋靴: {
        openers: [
          '平时穿38码，{product}要不要拍大一码？',
          '{product}偏码吗？我脚背比较高',
          '平时穿39码运动鞋，这双选多大',
        ],
        pushback: ['尺码表看不懂，脚长和尺码对不上', '上次买的就偏小，你确定？'],
        suggestions: ['这款鞋偏小半码，平时38码建议拍39码。', '脚背高或脚偏宽的话建议拍大一码，穿着更舒适。'],
        answers: ['那39码脚长多少？', '好的，那我拍{size}', ...CLOSERS],
      },
    },
  },
  stock_inquiry: {
    openers: [
      '{product}什么时候补货？',
      '黑色{size}码一直显示缺货，还会有吗',
      '我想买两件{product}，库存够吗',
    ],
    bot: ['亲，目前该规格暂时缺货，可以点击「到货提醒」哦～'],
    pushback: ['到货提醒点了好久都没用', '我急着要，能不能调货'],
    reasons: ['客户要求确认补货日期，库存系统无排期', '客户急需，要求调货'],
    suggestions: [
      '亲，该颜色预计下周三补货，您可以先加购物车，到货第一时间通知您。',
      '目前其他仓库还有少量库存，我帮您申请调货试试。',
    ],
    answers: ['下周三能确定吗？', '那有类似款推荐吗', ...CLOSERS],
    sentiment: [-0.2, 0.3],
    marketing: true,
    products: ['服装', '鞋靴'],
  },
  product_compare: {
    openers: [
      '{product}和上一代有什么区别？',
      '{product}和贵两百的那款比，哪个续航更好',
      '贵的那款值不值得多花两百',
    ],
    bot: ['亲，两款商品的参数对比可以在详情页「对比」功能中查看～'],
    pushback: ['对比功能里信息不全', '我想听听你们真人的建议'],
    reasons: ['客户需要主观购买建议', '多商品对比超出机器人能力'],
    suggestions: [
      '新款在续航和性能上有明显提升，如果每天都用推荐新款哦。',
      '如果预算有限，老款性价比更高，基础功能完全够用。',
    ],
    answers: ['续航差多少？', '那我买新款吧', ...CLOSERS],
    sentiment: [0.1, 0.5],
    marketing: true,
    products: ['数码'],
  },
};
