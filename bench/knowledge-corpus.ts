// The synthetic knowledge corpus of the knowledge bench (and the UI/assist benches' knowledge):
// chunks composed from the seed knowledge base (resources/kb-seed) and the project sentences, plus
// templated product-specific sentences with generated brands, model codes, SKUs, numbers and order
// ids. Seed sentences are drawn with Zipf weights (s = 0.9) and brands/categories too, so a few terms
// (退款, 商品, 订单 …) occur in a large share of chunks while most product words are rare: the shape of
// a real merchant KB, not a few dozen sentences repeated. Deterministic for a seed.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SENTENCES, loadSeedKb, sentences } from '../scripts/model/corpus';
import { prng } from '../scripts/model/linalg';

const SEED_DIR = resolve(fileURLToPath(new URL('../resources/kb-seed/', import.meta.url)));
const CATEGORIES = [
  '外套',
  '羽绒服',
  '连衣裙',
  '衬衫',
  '牛仔裤',
  '卫衣',
  '运动鞋',
  '跑步鞋',
  '皮鞋',
  '凉鞋',
  '面膜',
  '口红',
  '精华液',
  '防晒霜',
  '洗面奶',
  '坚果',
  '牛肉干',
  '茶叶',
  '咖啡豆',
  '车厘子',
  '大米',
  '手机',
  '耳机',
  '平板',
  '笔记本电脑',
  '智能手表',
  '充电宝',
  '空调',
  '洗衣机',
  '冰箱',
  '电视',
  '扫地机器人',
  '空气炸锅',
  '婴儿推车',
  '纸尿裤',
  '奶粉',
  '猫粮',
  '狗粮',
  '行李箱',
  '双肩包',
  '四件套',
  '乳胶枕',
  '羽绒被',
  '台灯',
  '电动牙刷',
  '吹风机',
  '瑜伽垫',
  '跳绳',
  '帐篷',
  '保温杯',
];
const BRAND_HEADS = '华小美海安李优雅星悦山月云青金乐佳康福瑞雪蓝绿森晨诺博嘉和恒盛顺达新天宝鑫'.split('');
const BRAND_TAILS = '为米的尔踏宁库兰鼠之家源品居尚坊阁屋谷舍木田泉石川禾野物'.split('');
const CARRIERS = ['顺丰', '中通', '圆通', '韵达', '申通', '京东物流', '邮政', '极兔', '德邦'];
const COLORS = [
  '黑色',
  '白色',
  '灰色',
  '藏青',
  '米白',
  '卡其',
  '酒红',
  '浅蓝',
  '墨绿',
  '粉色',
  '香槟金',
  '星空灰',
];
const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '西安',
  '南京',
  '重庆',
  '乌鲁木齐',
  '拉萨',
  '哈尔滨',
  '昆明',
  '厦门',
];
const TOPICS = [
  '售后说明',
  '发货说明',
  '保修政策',
  '退换货规则',
  '使用说明',
  '常见问题',
  '活动规则',
  '尺码建议',
  '安装说明',
  '价格说明',
];
const TEMPLATES: ((s: Slots) => string)[] = [
  (s) =>
    `${s.brand}${s.cat}${s.model}的保修期为${s.n(6, 36)}个月，非人为损坏免费维修，人为损坏按配件价格收费。`,
  (s) =>
    `${s.brand}${s.model}${s.cat}${s.color}款现货充足，付款后${s.n(12, 72)}小时内从${s.city}仓发出，默认${s.carrier}。`,
  (s) =>
    `订单${s.order}中的${s.brand}${s.cat}已由${s.carrier}揽收，运单号${s.tracking}，预计${s.n(1, 5)}天送达${s.city}。`,
  (s) => `${s.cat}类商品签收后${s.pick(['7', '15', '30'])}天内可申请退换，${s.brand}官方旗舰店支持专柜验货。`,
  (s) =>
    `${s.brand}${s.cat}参加店铺满${s.n(2, 30) * 10}减${s.n(1, 9) * 5}活动，会员日可叠加${s.n(80, 95) / 10}折券，券码${s.sku}。`,
  (s) =>
    `${s.model}型号与${s.model2}型号的区别：${s.model2}升级了${s.pick(['电池', '面料', '配方', '芯片', '包装', '鞋底'])}，价格高${s.n(20, 400)}元。`,
  (s) =>
    `${s.brand}${s.cat}${s.color}${s.size}已售罄，预计${s.n(3, 20)}天后补货，可先收藏或改选${s.color2}。`,
  (s) =>
    `${s.city}及周边地区${s.brand}${s.cat}支持上门安装，师傅${s.n(24, 72)}小时内联系，远程费每公里${s.n(1, 5)}元。`,
  (s) =>
    `商品编码${s.sku}（${s.brand}${s.cat}${s.model}）单价${s.n(19, 3999)}元，限购${s.n(1, 5)}件，不参与跨店满减。`,
  (s) =>
    `客户反馈${s.brand}${s.cat}${s.pick(['有异味', '尺码偏小', '颜色不符', '漏发配件', '外包装破损', '无法开机', '掉色'])}时，先请客户拍照，再按质量问题流程登记工单${s.ticket}。`,
];

interface Slots {
  brand: string;
  cat: string;
  model: string;
  model2: string;
  color: string;
  color2: string;
  size: string;
  city: string;
  carrier: string;
  order: string;
  tracking: string;
  sku: string;
  ticket: string;
  n(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
}

/** Sampler for rank-Zipf weights 1/(r+1)^s over `items` (given order = rank). */
function zipf<T>(items: readonly T[], s: number, rand: () => number): () => T {
  const cdf: number[] = [];
  let acc = 0;
  items.forEach((_, r) => cdf.push((acc += 1 / Math.pow(r + 1, s))));
  return () => {
    const x = rand() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Seed KB sentences (tables and headings dropped) and the project's own sentences. */
export function seedSentences(): string[] {
  const kb = loadSeedKb(SEED_DIR)
    .flatMap((body) =>
      body
        .split('\n')
        .filter((l) => !l.includes('|'))
        .join('\n'),
    )
    .flatMap(sentences)
    .filter((s) => s.length >= 6 && /\p{Script=Han}/u.test(s));
  return [...new Set([...kb, ...BUILTIN_SENTENCES])];
}

export interface BenchCorpus {
  chunks: { title: string; body: string; tag: string }[];
  queries: string[];
}

export function benchCorpus(n: number, queryCount: number, seed = 42): BenchCorpus {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pool = seedSentences();
  const seedPick = zipf(shuffled(pool, rand), 0.9, rand);
  const brands = shuffled(
    BRAND_HEADS.flatMap((h) => BRAND_TAILS.map((t) => h + t)),
    rand,
  );
  const brandPick = zipf(brands, 1.0, rand);
  const catPick = zipf(shuffled(CATEGORIES, rand), 0.8, rand);
  const letters = 'ABCDEFGHJKLMNPRSTVXYZ';
  const modelCode = () =>
    `${pick([...letters])}${pick(['', ...letters])}${int(1, 999)}${pick(['', '', 'pro', 'max', 'plus', 's', 'lite'])}`;
  const slots = (): Slots => ({
    brand: brandPick(),
    cat: catPick(),
    model: modelCode(),
    model2: modelCode(),
    color: pick(COLORS),
    color2: pick(COLORS),
    size: pick(['s码', 'm码', 'l码', 'xl码', '36码', '38码', '40码', '42码', '128g', '256g', '500g', '1kg']),
    city: pick(CITIES),
    carrier: pick(CARRIERS),
    order: String(int(1e8, 9e8)) + String(int(1e7, 9e7)),
    tracking: `${pick(['sf', 'yt', 'zt', 'yd', 'jd'])}${int(1e9, 9e9)}`,
    sku: `${pick([...letters])}${int(10000, 99999)}`,
    ticket: `gd${int(100000, 999999)}`,
    n: int,
    pick,
  });
  const chunks = Array.from({ length: n }, () => {
    const s = slots();
    const parts = [pick(TEMPLATES)(s)];
    const k = int(1, 3);
    for (let j = 0; j < k; j++) parts.push(seedPick());
    if (rand() < 0.3) parts.push(pick(TEMPLATES)(slots()));
    const order = shuffled(parts, rand);
    return {
      title: `${s.brand}${s.cat}${pick(TOPICS)}`,
      body: order.join('。').replace(/。。/g, '。'),
      tag: s.cat,
    };
  });

  const questions = BUILTIN_SENTENCES.filter((x) => /[？?吗]/.test(x));
  const qTemplates: ((s: Slots) => string)[] = [
    (s) => `${s.brand}${s.cat}什么时候发货`,
    (s) => `${s.brand}${s.model}保修多久`,
    (s) => `订单${s.order}退款到哪了`,
    (s) => `${s.cat}${s.color}还有货吗`,
    (s) => `${s.brand}${s.cat}能叠加优惠券吗`,
    (s) => `${s.cat}可以上门安装吗 ${s.city}`,
  ];
  const queries = Array.from({ length: queryCount }, () => {
    const r = rand();
    if (r < 0.3) return pick(questions);
    if (r < 0.6) return pick(qTemplates)(slots());
    if (r < 0.8) {
      const x = seedPick();
      const at = int(0, Math.max(0, x.length - 10));
      return x.slice(at, at + int(6, 16));
    }
    // Short keyword queries, often a single very common word.
    return pick([
      () => pick(['退款', '发货', '运费险', '价保', '发票', '保修', '优惠券', '退货', '换货', '物流']),
      () => `${brandPick()} ${pick(['发票', '售后', '退货'])}`,
      () => catPick(),
    ])();
  });
  return { chunks, queries };
}
