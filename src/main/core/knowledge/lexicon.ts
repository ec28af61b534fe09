// The project's own Chinese e-commerce customer-service lexicon. Three uses, one source of truth:
//  1. domain words are added to jieba so 运费险 / 七天无理由 / brand names stay whole tokens;
//  2. synonym groups expand keyword queries (退钱 → 退款) so colloquial phrasing still hits FTS;
//  3. scripts/build-model.ts trains the default embedding model on them, which is what makes
//     退钱≈退款, 快递≈物流, 尺码≈码数 land close in vector space.
// Written for this project; every group is "words a customer or an agent uses for the same thing".

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['退款', '退钱', '退费', '返款', '退回钱', '把钱退', '钱退回', '退款申请', '申请退款', '仅退款'],
  ['退货', '退回', '寄回', '退掉', '退货退款', '退件', '不要了', '寄回去'],
  ['换货', '更换', '调换', '换一个', '换个', '换新'],
  ['快递', '物流', '运输', '配送', '快件', '包裹', '速递', '邮寄', '物流信息'],
  ['发货', '寄出', '出库', '发出', '安排发货', '打包发出', '什么时候发'],
  ['到货', '送达', '签收', '收到货', '到了', '派送', '派件', '送到'],
  ['催单', '催发货', '催物流', '加急', '快点发', '尽快发货'],
  ['运费', '邮费', '快递费', '运费补差', '包邮', '免运费'],
  ['运费险', '退货险', '运费保险', '退货运费险'],
  ['七天无理由', '7天无理由', '七天无理由退货', '无理由退货', '7天退货'],
  ['尺码', '码数', '尺寸', '大小', '码子', '尺码表', '偏大', '偏小'],
  ['颜色', '色差', '颜色不一样', '颜色不对'],
  ['质量问题', '质量差', '做工差', '瑕疵', '破损', '坏了', '有问题', '次品', '残次'],
  ['破损', '压坏', '摔坏', '碎了', '漏液', '变形'],
  ['发错货', '发错了', '错发', '漏发', '少发', '少件', '缺件'],
  ['优惠券', '券', '红包', '折扣券', '满减券', '店铺券', '领券'],
  ['优惠', '折扣', '打折', '便宜', '活动价', '降价', '促销', '满减'],
  ['价保', '保价', '差价', '退差价', '补差价', '降价补偿'],
  ['发票', '开票', '电子发票', '增值税发票', '专票', '普票'],
  ['地址', '收货地址', '改地址', '修改地址', '换地址'],
  ['电话', '手机号', '联系方式', '号码'],
  ['订单', '单子', '订单号', '下单', '拍下'],
  ['取消订单', '取消', '不想要了', '撤单', '拦截'],
  ['付款', '支付', '付钱', '买单', '结账'],
  ['到账', '退到', '原路退回', '退回账户', '钱到了吗'],
  ['客服', '人工', '小二', '人工客服', '店小二', '售后客服'],
  ['售后', '售后服务', '维修', '保修', '质保', '三包'],
  ['投诉', '举报', '差评', '维权', '12315'],
  ['赔偿', '补偿', '赔付', '赔钱', '理赔'],
  ['会员', 'vip', '积分', '等级', '88vip'],
  ['赠品', '礼品', '小样', '送的', '赠送'],
  ['预售', '定金', '尾款', '付定金'],
  ['缺货', '没货', '断货', '补货', '库存', '有货'],
  ['正品', '真货', '假货', '正版', '防伪', '验货'],
  ['保质期', '生产日期', '过期', '有效期'],
  ['安装', '上门安装', '师傅', '装机'],
  ['尺码推荐', '穿多大', '多大码', '选码'],
  ['身高', '体重', '多高', '多重'],
  ['顺丰', '顺丰快递', '顺丰速运'],
  ['中通', '圆通', '申通', '韵达', '邮政', 'ems', '极兔', '京东物流', '德邦'],
  ['拒收', '拒签', '退回商家'],
  ['物流停更', '物流不动', '没更新', '卡住了', '一直不动', '没有物流'],
  ['丢件', '丢了', '丢失', '找不到包裹', '没收到'],
  ['驿站', '快递柜', '菜鸟驿站', '丰巢', '代收点'],
  ['审核', '处理中', '审核中', '等待处理'],
  ['多久', '多长时间', '几天', '什么时候', '时效'],
  ['怎么办', '怎么弄', '如何处理', '怎么处理', '咋办'],
  ['手机', '华为', '小米', '苹果', 'iphone', 'oppo', 'vivo'],
  ['衣服', '上衣', '外套', '裤子', '裙子', 't恤', '卫衣', '羽绒服'],
  ['鞋', '鞋子', '运动鞋', '球鞋', '靴子'],
  ['化妆品', '护肤品', '面霜', '口红', '面膜', '精华'],
  ['零食', '坚果', '牛肉干', '食品'],
  ['洗衣', '清洗', '水洗', '干洗', '机洗'],
  ['起球', '掉色', '缩水', '褪色', '开线'],
  ['好评', '五星', '好评返现', '晒图'],
  ['谢谢', '感谢', '多谢', '辛苦了'],
  ['抱歉', '不好意思', '对不起', '非常抱歉'],
  ['稍等', '等一下', '请稍候', '马上'],
  ['生气', '愤怒', '太差', '垃圾', '气死'],
];

/** Extra words jieba should keep whole (besides every synonym above); brands, platforms, policies. */
export const DOMAIN_WORDS: readonly string[] = [
  '天猫', '淘宝', '京东', '拼多多', '闲鱼', '支付宝', '花呗', '借呗', '余额宝', '淘宝直播',
  '小二工作台', '旗舰店', '专卖店', '官方旗舰店', '极速退款', '退款极速到账', '退货地址', '上门取件',
  '运费补贴', '订单详情', '物流单号', '快递单号', '售后单', '退款单', '申请售后', '退换货',
  '以旧换新', '分期免息', '价格保护', '假一赔十', '破损包退', '坏果包赔', '晚发即赔', '极速发货',
  '耐克', '阿迪达斯', '优衣库', '李宁', '安踏', '兰蔻', '雅诗兰黛', '欧莱雅', '三只松鼠', '良品铺子',
  '海尔', '美的', '格力', '戴森', '联想', '荣耀', '一加',
];

/** Function words and chat fillers that carry no meaning for retrieval or ranking. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  '的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '哈', '嗯', '噢', '喔', '嘛', '么', '啦', '哟', '呐',
  '是', '在', '有', '和', '与', '就', '都', '也', '还', '又', '而', '及', '或', '把', '被', '让', '给',
  '我', '你', '您', '他', '她', '它', '我们', '你们', '他们', '这', '那', '这个', '那个', '这边', '那边',
  '亲', '亲亲', '客官', '一下', '一个', '个', '下', '请', '请问', '好的', '好', '可以', '能', '会', '要',
  '吗?', '么?', '很', '非常', '哈哈', '嗯嗯', '哦哦', '额', '呃', '诶', '呵呵', '的话', '之', '着', '过',
]);

/** word → every other member of its synonym groups (lower-cased). Built once. */
let synonymIndex: Map<string, string[]> | undefined;
export function synonymsOf(word: string): readonly string[] {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const group of SYNONYM_GROUPS) {
      for (const w of group) {
        const key = w.toLowerCase();
        const list = synonymIndex.get(key) ?? [];
        for (const other of group) if (other.toLowerCase() !== key && !list.includes(other.toLowerCase())) list.push(other.toLowerCase());
        synonymIndex.set(key, list);
      }
    }
  }
  return synonymIndex.get(word.toLowerCase()) ?? [];
}

/** Every word the segmenter dictionary should know, deduplicated, stable order. */
export function allDomainWords(): string[] {
  const seen = new Set<string>();
  for (const w of [...SYNONYM_GROUPS.flat(), ...DOMAIN_WORDS]) seen.add(w.toLowerCase());
  return [...seen];
}
