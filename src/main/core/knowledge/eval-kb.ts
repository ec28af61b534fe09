// Knowledge-retrieval evaluation: colloquial buyer questions (resources/eval/kb-questions.json),
// each labelled with the seed documents that answer it, asked of a fresh knowledge base holding the
// seed (resources/kb-seed). hit@k = share of questions with an answering document in the top k;
// MRR = mean of 1 / rank of the first answering document (0 when none is in the top 10).
// The same questions run against keyword-only search and against each model, through the product's
// own KnowledgeService.search, so the figures are what an agent's search box would give.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../db/database';
import { resourcePath } from '../resources';
import { KbTierSchema, type KbDoc } from '../../../shared/domain';
import { parseMarkdown } from './importers';
import { KnowledgeService } from './index';
import type { ModelSpec } from './model';

export const KbQuestionSchema = z.object({
  q: z.string().min(1),
  docs: z.array(z.string().min(1)).min(1),
});
export type KbQuestion = z.infer<typeof KbQuestionSchema>;
const KbQuestionFileSchema = z.object({ questions: z.array(KbQuestionSchema).min(1) });

export const DEFAULT_QUESTIONS_FILE = () => resourcePath('eval', 'kb-questions.json');
/**
 * Held-out questions: written before any tuning and never used to choose a setting. A change is kept
 * when it helps on the development set (DEFAULT_QUESTIONS_FILE) and the held-out set confirms it.
 */
export const HELDOUT_QUESTIONS_FILE = () => resourcePath('eval', 'kb-questions-heldout.json');
export const DEFAULT_SEED_DIR = () => resourcePath('kb-seed');

export function loadQuestions(file: string): KbQuestion[] {
  const parsed = KbQuestionFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: not a question file: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  return parsed.data.questions;
}

/** Every seed Markdown file under `dir` (README excluded), path first. */
export function seedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...seedFiles(p));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(p);
  }
  return out;
}

/**
 * The seed as the hub publishes it: one document per file, keeping the front-matter id the labels
 * name (a merchant import would give content-hash ids instead).
 */
export function seedDocs(dir: string): KbDoc[] {
  return seedFiles(dir).map((file) => {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const field = (k: string) => new RegExp(`^${k}:\\s*(\\S+)\\s*$`, 'm').exec(front)?.[1];
    const id = field('id');
    const tier = KbTierSchema.safeParse(field('tier'));
    const parsed = parseMarkdown(text, file, 0);
    const doc = parsed.docs[0]?.doc;
    if (!id || !tier.success || !doc)
      throw new Error(`${file}: not a seed document (${parsed.errors[0]?.reason ?? 'no id or tier'})`);
    return { ...doc, id, tier: tier.data };
  });
}

export interface RetrievalMetrics {
  questions: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Questions whose first answering document was not ranked first, with what came first. */
  misses: { q: string; expected: string[]; got: string[]; rank: number | null }[];
}

/** Scores ranked document-id lists against the labels. Pure: the caller runs the searches. */
export function scoreRetrieval(
  questions: readonly KbQuestion[],
  ranked: readonly string[][],
): RetrievalMetrics {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: RetrievalMetrics['misses'] = [];
  questions.forEach((question, i) => {
    const got = ranked[i] ?? [];
    const at = got.findIndex((d) => question.docs.includes(d));
    const rank = at >= 0 ? at + 1 : null;
    if (rank === 1) hit1++;
    if (rank !== null && rank <= 3) hit3++;
    if (rank !== null) rr += 1 / rank;
    if (rank !== 1) misses.push({ q: question.q, expected: question.docs, got: got.slice(0, 3), rank });
  });
  const n = questions.length || 1;
  return { questions: questions.length, hit1: hit1 / n, hit3: hit3 / n, mrr: rr / n, misses };
}

export interface RetrievalRun extends RetrievalMetrics {
  label: string;
  /** Which question set (e.g. "dev", "held-out"). */
  set: string;
  mode: 'keyword' | 'hybrid';
  /** Why the run fell back to keywords, when it did (a model that failed to load). */
  degraded: string | null;
}

export interface QuestionSet {
  name: string;
  questions: readonly KbQuestion[];
}

/**
 * Loads the seed into an in-memory knowledge base with `model` (null = keyword only), embeds it,
 * asks every question of every set, and scores the top 10 documents: one run per set.
 */
/** Runs `fn` on a fresh in-memory knowledge base holding the seed, embedded with `model`. */
export async function withSeedKnowledge<T>(
  model: ModelSpec | null,
  fn: (svc: KnowledgeService) => Promise<T>,
  seedDir = DEFAULT_SEED_DIR(),
): Promise<T> {
  const db = openDatabase(':memory:');
  const svc = new KnowledgeService(db, { model });
  try {
    db.transaction(() => {
      for (const doc of seedDocs(seedDir)) svc.store.upsertDoc(doc, 'hub');
    })();
    if (model) await svc.modelReady().catch(() => {});
    await svc.whenIndexed();
    return await fn(svc);
  } finally {
    await svc.close();
    db.close();
  }
}

export async function evaluateRetrievalSets(
  label: string,
  model: ModelSpec | null,
  sets: readonly QuestionSet[],
  seedDir = DEFAULT_SEED_DIR(),
): Promise<RetrievalRun[]> {
  return withSeedKnowledge(
    model,
    async (svc) => {
      const runs: RetrievalRun[] = [];
      for (const set of sets) {
        const ranked: string[][] = [];
        let mode: RetrievalRun['mode'] = 'hybrid';
        let degraded: string | null = null;
        for (const { q } of set.questions) {
          const res = await svc.search(q, { limit: 10 });
          if (res.mode === 'keyword') {
            mode = 'keyword';
            degraded ??= res.degraded;
          }
          ranked.push(res.hits.map((h) => h.docId));
        }
        runs.push({
          label,
          set: set.name,
          mode,
          degraded: model ? degraded : null,
          ...scoreRetrieval(set.questions, ranked),
        });
      }
      return runs;
    },
    seedDir,
  );
}

/** One question set: {@link evaluateRetrievalSets} with a single set. */
export async function evaluateRetrieval(
  label: string,
  model: ModelSpec | null,
  questions: readonly KbQuestion[],
  seedDir = DEFAULT_SEED_DIR(),
): Promise<RetrievalRun> {
  const [run] = await evaluateRetrievalSets(label, model, [{ name: 'dev', questions }], seedDir);
  return run!;
}

export function formatRetrieval(r: RetrievalRun): string {
  const pct = (x: number) => x.toFixed(3);
  return (
    `${r.label.padEnd(28)} ${r.set.padEnd(9)} hit@1=${pct(r.hit1)} hit@3=${pct(r.hit3)} MRR=${pct(r.mrr)}  (${r.questions} questions, ${r.mode})` +
    (r.degraded ? `  [model unavailable: ${r.degraded}]` : '')
  );
}

/** A miss as one line: rank of the first answering document (or "-"), the question, what came first. */
export function formatMiss(m: RetrievalMetrics['misses'][number]): string {
  return `  ${String(m.rank ?? '-').padStart(2)}  ${m.q}  want ${m.expected.join('|')}  got ${m.got.join(', ')}`;
}
