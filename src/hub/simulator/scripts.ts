// Per-intent conversation material for the simulator: what customers say, how the bot answers, why the
// AI escalates, what it suggests and how customers react to the human agent. Written for this project.
// Placeholders: {product} {order} {carrier} {tracking} {city} {amount} {size} {total}
// (a param that is exactly '{amount}' or '{total}' becomes a number)
import type { ActionType, Intent } from '../../shared/domain';

export interface AiActionTemplate {
  type: ActionType;
  actor: string;
  params: Record<string, string | number | boolean>;
  summary: string;
  /** probability this action is part of the escalation packet */
  p: number;
}

export interface IntentScript {
  openers: string[];
  bot: string[];
  pushback: string[];
  reasons: string[];
  suggestions: string[];
  /** customer's answers to the agent, in turn order (the last ones are closers) */
  answers: string[];
  sentiment: [number, number];
  image?: { p: number; caption: string; damaged?: boolean };
  voice?: number;
  aiActions?: AiActionTemplate[];
  /** actions an AI agent may take later, while the human works (some contradict the packet) */
  lateActions?: AiActionTemplate[];
  marketing: boolean;
}

const CLOSERS = [
  '好的，明白了，谢谢',
  '行吧，那就这样，麻烦你了',
  '嗯嗯，收到，谢谢客服～',
  '好，我等你们消息',
];

export const SCRIPTS: Record<Intent, IntentScript> = {
  product_inquiry: {
    openers: [
      '{product}是什么材质的？会不会起球？',
      '请问{product}有没有现货，机洗会不会变形？',
      '这款{product}适合送长辈吗？质量怎么样',
    ],
    bot: [
      '亲，{product}的详细参数可以在商品详情页「规格参数」中查看哦～',
      '您好，这款商品的材质和洗涤说明在详情页底部有介绍。',
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
  },
  size_advice: {
    openers: [
      '我身高165体重110斤，{product}穿什么码？',
      '平时穿38码，{product}要不要拍大一码？',
      '孩子130cm，这件选哪个尺码合适',
    ],
    bot: ['亲，可以参考详情页的尺码表，按照身高体重选择哦～'],
    pushback: ['尺码表看不懂，腰围和身高对不上', '上次买的就偏小，你确定？'],
    reasons: ['客户身材数据与尺码表区间重叠，需要人工判断', '客户有历史尺码退货记录'],
    suggestions: [
      '根据您的身高体重，建议选择M码；如果喜欢宽松一点可以选L码哦。',
      '这款鞋偏小半码，平时38码建议拍39码。',
    ],
    answers: ['那M码肩宽多少？', '好的，那我拍{size}', ...CLOSERS],
    sentiment: [0, 0.4],
    marketing: true,
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
  },
  product_compare: {
    openers: ['{product}和上一代有什么区别？', '这两款耳机哪个降噪更好', '贵的那款值不值得多花两百'],
    bot: ['亲，两款商品的参数对比可以在详情页「对比」功能中查看～'],
    pushback: ['对比功能里信息不全', '我想听听你们真人的建议'],
    reasons: ['客户需要主观购买建议', '多商品对比超出机器人能力'],
    suggestions: [
      '新款在续航和降噪上有明显提升，如果经常通勤推荐新款哦。',
      '如果预算有限，老款性价比更高，基础功能完全够用。',
    ],
    answers: ['续航差多少？', '那我买新款吧', ...CLOSERS],
    sentiment: [0.1, 0.5],
    marketing: true,
  },
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
  shipping_time: {
    openers: ['我的订单{order}怎么还没发货？', '付款三天了还显示待发货', '今天下单明天能到{city}吗'],
    bot: ['亲，商品会在付款后48小时内发货，请耐心等待哦～'],
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
  return_request: {
    openers: ['{product}不喜欢，想退货', '衣服色差太大了，要退', '收到的{product}尺码不对，能退吗'],
    bot: ['亲，商品签收7天内且不影响二次销售可申请无理由退货哦～'],
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
    openers: ['{product}用了两个月坏了，保修吗？', '耳机左边没声音了', '充电宝充不进电了'],
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
  },
  order_cancel: {
    openers: ['刚下单拍错了，帮我取消', '还没发货能取消订单吗', '取消订单后钱什么时候退'],
    bot: ['亲，未发货订单可以在订单页直接申请取消哦～'],
    pushback: ['显示已出库不能取消', '我点了取消没反应'],
    reasons: ['订单已出库，需要拦截'],
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
  quality_complaint: {
    openers: [
      '刚买的{product}开线了，什么质量！',
      '衣服洗一次就掉色，染了我其他衣服',
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
      '快递到了外箱全压坏了，里面{product}也碎了',
      '收到的包裹是破的，东西少了一件',
      '{product}屏幕摔裂了',
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

/** Customer follow-ups when they receive a coupon or product card. */
export const MARKETING_ANSWERS = [
  '券收到了，我去看看',
  '这个商品看着还不错',
  '有点心动，我考虑一下',
  '不用了，先解决我的问题吧',
];
/** Customer nudges when nobody answers for a while. */
export const NUDGES = ['在吗？', '人呢？', '有人吗，等了好久了', '？？？'];
