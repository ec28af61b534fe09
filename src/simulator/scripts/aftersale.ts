// After-sale: returns, refunds, exchanges, invoices, warranty, cancellations, payment.
import type { Intent } from '../../shared/domain';
import { CLOSERS } from './closers';
import type { IntentScript } from './types';

export const AFTERSALE_SCRIPTS: Record<
  Extract<
    Intent,
    | 'return_request'
    | 'refund_progress'
    | 'exchange'
    | 'invoice'
    | 'warranty'
    | 'order_cancel'
    | 'payment_issue'
  >,
  IntentScript
> = {
  return_request: {
    openers: ['{product}不喜欢，想退货', '{product}色差太大了，要退', '收到的{product}尺码不对，能退吗'],
    // The second answer over-promises (the shop's policy is 7 days): the kind of AI slip the desk flags.
    bot: [
      '亲，商品签收7天内且不影响二次销售可申请无理由退货哦～',
      '亲，本店支持30天无理由退货，放心申请哦～',
    ],
    pushback: ['吊牌我拆了还能退吗', '已经第8天了，能不能通融一下'],
    reasons: ['超出7天无理由期限，需人工判断', '吊牌已拆，退货条件存疑'],
    suggestions: [
      '亲，您的订单仍在7天无理由退货期内，可直接在订单页申请退货，运费险会自动理赔。',
      '吊牌拆除但商品未穿着、不影响二次销售的情况下，我们可以为您办理退货。',
    ],
    answers: ['运费谁出？', '那退货地址发我一下', ...CLOSERS],
    sentiment: [-0.4, 0.1],
    image: { p: 0.4, caption: '色差对比' },
    aiActions: [
      {
        type: 'return_approve',
        actor: '售后Agent',
        params: { orderId: '{order}' },
        summary: '同意退货退款',
        p: 0.6,
      },
      {
        type: 'return_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '超出7天无理由期限，拒绝退货',
        p: 0.35,
      },
      { type: 'promise', actor: '售后Agent', params: { returnDays: 15 }, summary: '承诺15天内可退', p: 0.25 },
    ],
    marketing: false,
    // sizes and tags: clothes and shoes
    products: ['服装', '鞋靴'],
  },
  refund_progress: {
    openers: ['退款申请五天了还没到账', '商家已经收到退货了怎么还不退款', '退款显示成功但银行卡没收到'],
    bot: ['亲，退款一般在商家确认后1-3个工作日原路退回～'],
    pushback: ['都一个星期了！', '你们是不是想拖着不退'],
    reasons: ['退款超时', '客户情绪激动，投诉风险高'],
    suggestions: [
      '我查到商家已于昨天确认收货，退款已提交，预计1-3个工作日原路退回。',
      '退款已原路退回，银行处理可能有延迟，建议您查看银行卡流水。',
    ],
    answers: ['那我再等等', '今天到不了我就投诉', ...CLOSERS],
    sentiment: [-0.6, -0.2],
    voice: 0.25,
    aiActions: [
      {
        type: 'refund_approve',
        actor: '售后Agent',
        params: { orderId: '{order}', amount: '{total}' },
        summary: '同意退款{total}元',
        p: 0.5,
      },
      {
        type: 'refund_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '退货包裹未签收，暂不退款',
        p: 0.35,
      },
      {
        type: 'promise',
        actor: '售后Agent',
        params: { refundHours: 24 },
        summary: '承诺24小时内到账',
        p: 0.3,
      },
    ],
    lateActions: [
      {
        type: 'refund_deny',
        actor: '风控Agent',
        params: { orderId: '{order}' },
        summary: '仓库未确认收货，冻结退款',
        p: 0.3,
      },
    ],
    marketing: false,
  },
  exchange: {
    openers: ['{product}尺码小了，想换大一码', '收到的颜色不对，能换吗', '换货要寄回去吗？'],
    bot: ['亲，签收后7天内可在订单页申请换货哦～'],
    pushback: ['我要的{size}码没货了怎么办', '换货太麻烦了'],
    reasons: ['换货目标规格无库存', '客户倾向退货'],
    suggestions: [
      '您可以在订单页申请换货，我们收到退回商品后48小时内为您寄出新尺码。',
      '目标尺码暂时缺货，可以为您办理退货退款后重新下单。',
    ],
    answers: ['运费是谁出', '好的，我申请一下', ...CLOSERS],
    sentiment: [-0.2, 0.2],
    aiActions: [
      {
        type: 'exchange_approve',
        actor: '售后Agent',
        params: { orderId: '{order}' },
        summary: '同意换货',
        p: 0.5,
      },
    ],
    marketing: true,
    products: ['服装', '鞋靴'],
  },
  invoice: {
    openers: ['怎么开增值税专用发票？', '发票抬头写错了能重开吗', '电子发票在哪里下载'],
    bot: ['亲，订单完成后可在订单详情页申请开具电子发票哦～'],
    pushback: ['我需要专票，页面只能开普票', '公司报销急用'],
    reasons: ['客户需要增值税专用发票', '发票重开需人工处理'],
    suggestions: [
      '专票需要提供公司名称、税号、开户行及账号，我们会在3个工作日内开具。',
      '发票抬头错误可以申请红冲后重开，请提供正确的抬头信息。',
    ],
    answers: ['税号我现在发你', '多久能开好', ...CLOSERS],
    sentiment: [0, 0.3],
    marketing: false,
  },
  warranty: {
    openers: ['{product}用了两个月坏了，保修吗？', '{product}突然开不了机了', '{product}充不进电了'],
    bot: ['亲，商品享受一年质保，请提供购买凭证和故障描述哦～'],
    pushback: ['寄修要多久？我每天都要用', '能直接换新吗'],
    reasons: ['客户要求换新，需判断是否符合政策'],
    suggestions: [
      '您的商品在一年保修期内，可以申请免费寄修，维修周期约7-10个工作日。',
      '购买15天内出现性能故障可直接换新，超过15天按保修政策维修。',
    ],
    answers: ['寄修的运费谁出？', '好的，怎么寄', ...CLOSERS],
    sentiment: [-0.3, 0.1],
    image: { p: 0.3, caption: '故障照片' },
    voice: 0.2,
    marketing: true,
    products: ['数码'],
  },
  order_cancel: {
    openers: ['刚下单拍错了，帮我取消', '还没发货能取消订单吗', '取消订单后钱什么时候退'],
    bot: ['亲，未发货订单可以在订单页直接申请取消哦～'],
    pushback: ['显示已出库不能取消', '我点了取消没反应'],
    reasons: ['订单已出库，需要拦截'],
    reasonsByStatus: [
      { status: 'paid', reasons: ['客户要求取消订单，需人工确认'], pushback: ['我点了取消没反应'] },
      { status: 'shipped', reasons: ['订单已出库，需要拦截'], pushback: ['显示已出库不能取消'] },
    ],
    suggestions: [
      '已帮您提交取消申请，款项会在1-3个工作日原路退回。',
      '订单已出库，建议您拒收或签收后申请退货，运费由我们承担。',
    ],
    answers: ['拒收要额外付钱吗？', '好的谢谢', ...CLOSERS],
    sentiment: [-0.2, 0.2],
    marketing: false,
  },
  payment_issue: {
    openers: ['付款扣钱了但订单显示未付款', '花呗分期付不了', '重复扣款了两次'],
    bot: ['亲，支付状态同步可能有延迟，请稍后刷新订单哦～'],
    pushback: ['扣了两次钱！', '已经过了半小时了'],
    reasons: ['疑似重复扣款', '支付状态异常'],
    suggestions: [
      '我已核实到重复扣款，多扣的款项会在24小时内自动退回。',
      '请提供支付凭证截图，我帮您联系支付渠道核查。',
    ],
    answers: ['截图发你了', '那我等退款', ...CLOSERS],
    sentiment: [-0.6, -0.2],
    image: { p: 0.35, caption: '支付截图' },
    marketing: false,
  },
};
