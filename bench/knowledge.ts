// Knowledge-base benchmark: hybrid / keyword-only / vector-only query latency at 10k and 100k chunks,
// query embedding time, indexing throughput and memory — side by side with a naive JavaScript
// brute-force scan (substring keyword scan, Float32Array dot-product KNN) in the same run.
// Real pieces only: the built-in model through the worker, jieba, FTS5, sqlite-vec.
// Run alone: npx tsx bench/knowledge.ts  → bench/results/knowledge.json + a markdown table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SENTENCES, loadSeedKb, sentences } from '../scripts/model/corpus';
import { openDatabase } from '../src/main/core/db/database';
import { Embedder } from '../src/main/core/knowledge/embedder';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import type { Db } from '../src/main/core/db/database';
import {
  fuseAndHydrate,
  ftsExpression,
  ftsTerms,
  keywordCandidates,
  keywordSearch,
  planKeywordQuery,
  queryTerms,
  vectorCandidates,
} from '../src/main/core/knowledge/search';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { prng } from '../scripts/model/linalg';

const SIZES = [10_000, 100_000];
const QUERIES = 200;

// ---- Synthetic corpus -----------------------------------------------------------------------------
// Chunks are composed from the seed knowledge base (resources/kb-seed) and the project sentences, plus
// templated product-specific sentences with generated brands, model codes, SKUs, numbers and order
// ids. Seed sentences are drawn with Zipf weights (s = 0.9) and brands/categories too, so a few terms
// (退款, 商品, 订单 …) occur in a large share of chunks while most product words are rare: the shape of
// a real merchant KB, not a few dozen sentences repeated.

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

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const lat = (xs: number[]) => ({ p50: +pct(xs, 50).toFixed(2), p95: +pct(xs, 95).toFixed(2) });

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

/** Naive JS exact KNN over one Float32Array: the baseline for the vec0 scan. */
function jsKnn(all: Float32Array, dim: number, q: Float32Array, k: number): number[] {
  const n = all.length / dim;
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += all[i * dim + j]! * q[j]!;
    if (best.length < k || s > best[best.length - 1]!.s) {
      best.push({ i, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.i + 1); // chunk ids are 1-based insertion order
}

/**
 * The previous fast keyword plan, kept as the "before" baseline: rare terms ranked exactly, common
 * terms dropped; a query of only common terms AND-ed and BM25-ranked among its 2000 newest matches.
 */
function keywordNewestCapBefore(db: Db, expanded: readonly string[], depth = 50): number[] {
  const plan = planKeywordQuery(db, ftsTerms(expanded));
  if (!plan.ranked.length) return [];
  const q = (t: string) => `"${t}"`;
  if (!plan.capped) return keywordCandidates(db, plan.ranked.map(q).join(' OR '), {}, depth);
  const capped = (expr: string) =>
    (
      db
        .prepare(
          'SELECT c.id, bm25(kb_fts, 3.0, 1.0) AS score FROM kb_fts JOIN kb_chunks c ON c.id = kb_fts.rowid WHERE kb_fts MATCH ? ORDER BY kb_fts.rowid DESC LIMIT 2000',
        )
        .all(expr) as { id: number; score: number }[]
    )
      .sort((a, b) => a.score - b.score || b.id - a.id)
      .map((r) => r.id);
  const all = [...plan.ranked, ...plan.common];
  const out = all.length > 1 ? capped(all.map(q).join(' AND ')).slice(0, depth) : [];
  const seen = new Set(out);
  for (const id of out.length < depth ? capped(q(plan.ranked[0]!)) : []) {
    if (out.length >= depth) break;
    if (!seen.has(id)) out.push(id);
  }
  return out;
}

/**
 * Top-10 agreement with the exact BM25 ranking, fair to ties: each returned id is scored with the
 * exact BM25 of the full query, and the multiset of those scores is intersected with the exact
 * top-10's scores (6 significant digits), so swapping equally scored documents is not a miss.
 */
function tieAwareOverlap(db: Db, expr: string, exact10: number[], got10: number[]): number {
  // BETWEEN, not `rowid = ?`: FTS5 ignores an equality on a rowid bound as a double (JS number).
  const score = db.prepare(
    'SELECT bm25(kb_fts, 3.0, 1.0) AS s FROM kb_fts WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ?',
  );
  const key = (id: number) =>
    ((score.get(expr, id, id) as { s: number } | undefined)?.s ?? NaN).toPrecision(6);
  const want = new Map<string, number>();
  for (const id of exact10) want.set(key(id), (want.get(key(id)) ?? 0) + 1);
  let hits = 0;
  for (const id of got10) {
    const k = key(id);
    const left = want.get(k) ?? 0;
    if (left > 0) {
      hits++;
      want.set(k, left - 1);
    }
  }
  return hits;
}

export async function runKnowledgeBench(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const embedder = new Embedder({ source: { kind: 'local', dir: defaultModelDir() } });
  const dim = await embedder.ready();
  const { chunks, queries: qs } = benchCorpus(Math.max(...SIZES), QUERIES);
  const texts = chunks.map((c) => `${c.title}\n${c.body}`); // what the indexer embeds

  // Query embedding latency (single queries through the worker, warm).
  for (const q of qs.slice(0, 10)) await embedder.embedQuery(q);
  const qEmbedMs: number[] = [];
  const qVecs: Float32Array[] = [];
  for (const q of qs) {
    const t = performance.now();
    qVecs.push(await embedder.embedQuery(q));
    qEmbedMs.push(performance.now() - t);
  }

  // Embedding throughput over the whole corpus (batched, as the indexer does).
  const tEmb = performance.now();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 256)
    vectors.push(...(await embedder.embedPassages(texts.slice(i, i + 256))));
  const embedPerSec = texts.length / ((performance.now() - tEmb) / 1000);
  await embedder.close();

  const results: Record<string, unknown> = {
    dim,
    queries: QUERIES,
    queryEmbedding: lat(qEmbedMs),
    embedChunksPerSec: Math.round(embedPerSec),
    avgChunkChars: Math.round(chunks.reduce((a, c) => a + c.body.length, 0) / chunks.length),
  };
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  for (const n of SIZES) {
    const db = openDatabase(join(dir, `kb-${n}.db`), { synchronous: 'NORMAL' });
    db.pragma('mmap_size = 2147483648');
    const store = new KnowledgeStore(db);
    store.ensureVectorTable('bench', dim);
    const [, insertMs] = time(() =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const tier = (['general', 'industry', 'merchant'] as const)[i % 3]!;
          const c = chunks[i]!;
          store.upsertDoc(
            { id: `d${i}`, tier, title: c.title, body: c.body, tags: [c.tag], version: 1, updatedAt: 0 },
            'hub',
          );
        }
      })(),
    );
    const chunkCount = (db.prepare('SELECT COUNT(*) AS n FROM kb_chunks').get() as { n: number }).n;
    if (chunkCount !== n) throw new Error(`expected one chunk per doc, got ${chunkCount} for ${n}`);
    const [, vecMs] = time(() =>
      store.writeVectors(
        'bench',
        vectors.slice(0, n).map((vector, i) => ({ id: i + 1, vector })),
      ),
    );
    const flat = new Float32Array(n * dim);
    vectors.slice(0, n).forEach((v, i) => flat.set(v, i * dim));

    // Corpus shape: distinct terms and how many chunks the most common ones occur in.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'kb_fts', 'row')");
    const vocab = (db.prepare('SELECT COUNT(*) AS n FROM temp.bench_vocab').get() as { n: number }).n;
    const topTerms = db.prepare('SELECT term, doc FROM temp.bench_vocab ORDER BY doc DESC LIMIT 5').all() as {
      term: string;
      doc: number;
    }[];

    const m: Record<string, number[]> = {
      kw: [],
      kwCold: [],
      kwBefore: [],
      kwExact: [],
      vec: [],
      hyb: [],
      hybExact: [],
      jsVec: [],
      jsKw: [],
    };
    let recallHits = 0;
    let recallTotal = 0;
    const overlap = { hits: 0, tieHits: 0, beforeHits: 0, beforeTieHits: 0, total: 0 };
    const lower = texts.slice(0, n).map((t) => t.toLowerCase());
    for (let r = 0; r < 2; r++) {
      qs.forEach((q, qi) => {
        const terms = queryTerms(q);
        const expr = ftsExpression(terms.expanded);
        const [kwIds, tk] = time(() => keywordSearch(db, terms.expanded, {}));
        // The previous implementation: BM25 over every match of the full OR query.
        const [kwExactIds, tke] = time(() => (expr ? keywordCandidates(db, expr, {}) : []));
        const [kwBeforeIds, tkb] = time(() => keywordNewestCapBefore(db, terms.expanded));
        const [vecHits, tv] = time(() => vectorCandidates(db, qVecs[qi]!, {}, 50, 2));
        const [, th] = time(() => {
          const a = keywordSearch(db, terms.expanded, {});
          const b = vectorCandidates(db, qVecs[qi]!, {});
          return fuseAndHydrate(db, a, b, terms.expanded, 10, true);
        });
        const [, the] = time(() => {
          const a = expr ? keywordCandidates(db, expr, {}) : [];
          const b = vectorCandidates(db, qVecs[qi]!, {});
          return fuseAndHydrate(db, a, b, terms.expanded, 10, true);
        });
        const [exact, tj] = time(() => jsKnn(flat, dim, qVecs[qi]!, 10));
        const [, tjk] = time(() => {
          // Naive keyword baseline: count expanded-term occurrences in every text, keep the top 50.
          const scores: [number, number][] = [];
          lower.forEach((t, i) => {
            let s = 0;
            for (const term of terms.expanded) if (t.includes(term)) s++;
            if (s) scores.push([i, s]);
          });
          return scores.sort((x, y) => y[1] - x[1]).slice(0, 50);
        });
        if (r === 0) {
          m.kwCold!.push(tk); // first pass: common-term postings are read here
          return; // … and it warms caches
        }
        m.kw!.push(tk);
        m.kwBefore!.push(tkb);
        m.kwExact!.push(tke);
        m.vec!.push(tv);
        m.hyb!.push(th);
        m.hybExact!.push(the);
        m.jsVec!.push(tj);
        m.jsKw!.push(tjk);
        const got = new Set(vecHits.slice(0, 10).map((h) => h.id));
        recallHits += exact.filter((id) => got.has(id)).length;
        recallTotal += exact.length;
        const exact10 = kwExactIds.slice(0, 10);
        const kwGot = new Set(kwIds.slice(0, 10));
        const beforeGot = new Set(kwBeforeIds.slice(0, 10));
        overlap.hits += exact10.filter((id) => kwGot.has(id)).length;
        overlap.beforeHits += exact10.filter((id) => beforeGot.has(id)).length;
        if (expr) {
          overlap.tieHits += tieAwareOverlap(db, expr, exact10, kwIds.slice(0, 10));
          overlap.beforeTieHits += tieAwareOverlap(db, expr, exact10, kwBeforeIds.slice(0, 10));
        }
        overlap.total += exact10.length;
      });
    }
    results[`n${n}`] = {
      chunks: n,
      distinctTerms: vocab,
      topTermDocShare: topTerms.map((t) => `${t.term} ${((100 * t.doc) / n).toFixed(0)}%`).join(', '),
      indexChunksPerSec: Math.round(n / (insertMs / 1000)),
      vectorInsertPerSec: Math.round(n / (vecMs / 1000)),
      hybridExclEmbedding: lat(m.hyb!),
      keywordOnly: lat(m.kw!),
      keywordOnlyColdPostings: lat(m.kwCold!),
      keywordNewestCapBefore: lat(m.kwBefore!),
      vectorOnly: lat(m.vec!),
      hybridExactKeywordBefore: lat(m.hybExact!),
      keywordExactBm25Before: lat(m.kwExact!),
      naiveJsKeywordScan: lat(m.jsKw!),
      naiveJsVectorScan: lat(m.jsVec!),
      vectorRecallAt10VsExact: +(recallHits / Math.max(recallTotal, 1)).toFixed(4),
      keywordTop10OverlapVsExactBm25: +(overlap.hits / Math.max(overlap.total, 1)).toFixed(4),
      keywordTop10TieAwareOverlap: +(overlap.tieHits / Math.max(overlap.total, 1)).toFixed(4),
      newestCapBeforeTop10Overlap: +(overlap.beforeHits / Math.max(overlap.total, 1)).toFixed(4),
      newestCapBeforeTop10TieAwareOverlap: +(overlap.beforeTieHits / Math.max(overlap.total, 1)).toFixed(4),
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  results.table = markdown(results);
  return results;
}

function markdown(r: Record<string, unknown>): string {
  const rows = SIZES.map((n) => r[`n${n}`] as Record<string, unknown>);
  const cell = (v: unknown) =>
    typeof v === 'object' && v ? `${(v as { p50: number }).p50} / ${(v as { p95: number }).p95}` : String(v);
  const keys = [
    'hybridExclEmbedding',
    'keywordOnly',
    'keywordOnlyColdPostings',
    'keywordNewestCapBefore',
    'vectorOnly',
    'hybridExactKeywordBefore',
    'keywordExactBm25Before',
    'naiveJsKeywordScan',
    'naiveJsVectorScan',
    'vectorRecallAt10VsExact',
    'keywordTop10OverlapVsExactBm25',
    'keywordTop10TieAwareOverlap',
    'newestCapBeforeTop10Overlap',
    'newestCapBeforeTop10TieAwareOverlap',
    'indexChunksPerSec',
    'vectorInsertPerSec',
    'distinctTerms',
    'topTermDocShare',
    'rssMB',
  ];
  const q = r.queryEmbedding as { p50: number; p95: number };
  return [
    `| metric (ms p50 / p95 unless noted) | ${SIZES.map((n) => `${n / 1000}k chunks`).join(' | ')} |`,
    `| --- | ${SIZES.map(() => '---').join(' | ')} |`,
    ...keys.map((k) => `| ${k} | ${rows.map((row) => cell(row[k])).join(' | ')} |`),
    '',
    `query embedding (worker round trip): ${q.p50} / ${q.p95} ms; embedding throughput ${String(r.embedChunksPerSec)} chunks/s; dim ${String(r.dim)}; avg chunk ${String(r.avgChunkChars)} chars; total ${String(r.totalSeconds)} s`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runKnowledgeBench();
  const out = resolve(fileURLToPath(new URL('./results/', import.meta.url)));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'knowledge.json'), `${JSON.stringify(r, null, 2)}\n`);
  console.log(r.table);
}
